"""Back-office page of the notifications of a file (staff who may view files in the
file's responsible unit): state, exit number, times, evidence; for a postal one the
printable notice and the form to record what the post reports (``files.process``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import files, identity
from eoffice.identity import Permission, Principal
from eoffice.notifications.errors import InvalidPostalOutcome, NotPostal
from eoffice.notifications.services import life_cycle, listing
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _

TEMPLATES = str(Path(__file__).resolve().parent / "templates")
bp = Blueprint("notifications_backoffice", __name__, url_prefix="/backoffice/notifications",
               template_folder=TEMPLATES)


def _staff() -> Principal:
    return identity.require_permission(Permission.VIEW_FILES, somewhere=True)


def _may_see_file(principal: Principal, unit: str) -> bool:
    return (principal.can(Permission.VIEW_FILES, unit=unit)
            or principal.can(Permission.PROCESS_FILES, unit=unit))


@bp.get("", endpoint="of_file")
def of_file() -> ResponseReturnValue:
    """``?file=<number>``: the notifications of that file; without it, a form to ask."""
    principal = _staff()
    number = request.args.get("file", "").strip()[:60]
    if not number:
        return render_template("notifications/backoffice.html", number="", items=[],
                               may_process=False)
    with reader() as db:
        brief = files.find_file_brief_by_number(db, number)
        if brief is None or not _may_see_file(principal, brief.responsible_unit):
            raise files.UnknownFile()
        items = listing.notifications_of_file(db, brief.number)
    return render_template(
        "notifications/backoffice.html", number=brief.number, items=items,
        may_process=principal.can(Permission.PROCESS_FILES, unit=brief.responsible_unit))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


@bp.post("/<notification_id>/postal-outcome", endpoint="postal_outcome")
def postal_outcome(notification_id: str) -> ResponseReturnValue:
    """Record that the post delivered the notification, or failed to, on a day."""
    principal = _staff()
    outcome = request.form.get("outcome", "")
    try:
        with unit_of_work() as db:
            view = life_cycle.record_postal_outcome(
                db, notification_id, principal, outcome=outcome,
                on=_day(request.form.get("day", "")))
    except (InvalidPostalOutcome, NotPostal) as refused:
        with reader() as db:
            row = life_cycle.staff_notification(db, notification_id, principal)
            number = row.file_number or ""
        flash(str(refused.title), "error")
        return redirect(url_for("notifications_backoffice.of_file", file=number))
    flash(_("The postal outcome is recorded."), "success")
    return redirect(url_for("notifications_backoffice.of_file", file=view.file_number or ""))
