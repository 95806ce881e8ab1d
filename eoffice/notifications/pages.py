"""The citizen's notification pages: her notifications (pending with days left, then
ended) and communications apart, those addressed to parties she represents marked "for
Y"; one notification (before access: sender, subject, file, days left and the buttons
Access / Reject with their legal effect; after: the document and the evidence)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.identity import Permission, Principal
from eoffice.notifications.domain import NotificationKind, NotificationState
from eoffice.notifications.errors import (
    AlreadyAccessed,
    AlreadyRejected,
    NotAvailable,
    NotificationExpired,
)
from eoffice.notifications.services import life_cycle, listing
from eoffice.notifications.services.views import NotificationView, events_of
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _, current_language

TEMPLATES = str(Path(__file__).resolve().parent / "templates")
bp = Blueprint("notifications_pages", __name__, url_prefix="/notifications",
               template_folder=TEMPLATES)
REFUSALS = (AlreadyAccessed, AlreadyRejected, NotificationExpired, NotAvailable)


def _citizen() -> Principal:
    return identity.require_permission(Permission.ACT_AS_CITIZEN)


def unit_names(db: Session, codes: set[str]) -> dict[str, str]:
    """Unit code → name in the reader's language."""
    units = identity.list_units(db, codes=codes, locale=current_language())
    return {unit.code: unit.name for unit in units}


@bp.get("", endpoint="mine")
def mine() -> ResponseReturnValue:
    """My notifications and communications, and those of parties I represent."""
    principal = _citizen()
    with reader() as db:
        views = listing.notifications_for(db, principal)
        names = unit_names(db, {v.sending_unit for v in views})
    legal = [v for v in views if v.kind == NotificationKind.NOTIFICATION]
    return render_template(
        "notifications/mine.html", names=names, me=(principal.id_number or "").upper(),
        pending=[v for v in legal if v.state == NotificationState.AVAILABLE],
        by_post=[v for v in legal if v.state == NotificationState.POSTAL_PENDING],
        ended=[v for v in legal if v.state not in {NotificationState.AVAILABLE,
                                                   NotificationState.POSTAL_PENDING}],
        communications=[v for v in views if v.kind == NotificationKind.COMMUNICATION])


@bp.get("/<notification_id>", endpoint="detail")
def detail(notification_id: str) -> ResponseReturnValue:
    """One notification; a communication is marked read as it is opened."""
    principal = _citizen()
    with unit_of_work() as db:
        view = life_cycle.get_notification_for(db, notification_id, principal)
        if (view.kind == NotificationKind.COMMUNICATION
                and view.state == NotificationState.AVAILABLE):
            view = life_cycle.access_notification(db, notification_id, principal)
        events = events_of(db, view.id)
        names = unit_names(db, {view.sending_unit})
    return render_template("notifications/detail.html", n=view, events=events,
                           names=names, opened=view.state in listing.OPENED,
                           me=(principal.id_number or "").upper())


def _act(notification_id: str, *, reject: bool) -> ResponseReturnValue:
    principal = _citizen()
    try:
        with unit_of_work() as db:
            act = life_cycle.reject_notification if reject else life_cycle.access_notification
            view: NotificationView = act(db, notification_id, principal)
    except REFUSALS as refused:
        flash(str(refused.title), "error")
    else:
        flash(_("You have rejected the notification.") if reject
              else _("You have accessed the notification: it is now notified."), "success")
        notification_id = view.id
    return redirect(url_for("notifications_pages.detail", notification_id=notification_id))


@bp.post("/<notification_id>/access", endpoint="access")
def access(notification_id: str) -> ResponseReturnValue:
    return _act(notification_id, reject=False)


@bp.post("/<notification_id>/reject", endpoint="reject")
def reject(notification_id: str) -> ResponseReturnValue:
    return _act(notification_id, reject=True)
