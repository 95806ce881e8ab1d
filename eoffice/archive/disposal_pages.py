"""Back-office pages of disposition (``/backoffice/archive/disposal``): destruction lists
by status, one list with its files, the approvals of the archivist and the unit's head,
excluding a file or cancelling the list with a reason, and the certificate once
executed. Archivists see every list, heads their units' lists, anyone else gets 404.
Plain forms that work without JavaScript; the server checks every action."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session
from werkzeug.routing import BuildError

from eoffice import documents
from eoffice.archive.domain import ListStatus
from eoffice.archive.errors import NotAllowedInArchive
from eoffice.archive.services import disposal_lists
from eoffice.archive.services.access import is_archivist, require_archivist
from eoffice.archive.services.disposal_approval import approve_list, may_approve
from eoffice.identity import Principal, current_principal, require_principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_today

bp = Blueprint("archive_disposal", __name__, url_prefix="/backoffice/archive/disposal",
               template_folder="templates")
STATUSES = tuple(status.value for status in ListStatus)


def _reviewer() -> Principal:
    """Archivists and heads of a unit; 404 for anyone else (the pages do not exist)."""
    principal = require_principal()
    if not (is_archivist(principal) or principal.has_role("head")):
        abort(404)
    return principal


@bp.get("", endpoint="lists")
def lists() -> ResponseReturnValue:
    """The destruction lists I review, by status."""
    principal = _reviewer()
    status = request.args.get("status", "")
    status = status if status in STATUSES else ""
    with reader() as db:
        items = disposal_lists.visible_lists(db, principal, status=status or None)
    return render_template("archive/disposal_lists.html", items=items, status=status,
                           statuses=STATUSES, archivist=is_archivist(principal))


@bp.post("/prepare", endpoint="prepare")
def prepare() -> ResponseReturnValue:
    """Prepare the lists now (archivists), as the daily job would."""
    principal = _reviewer()
    try:
        require_archivist(principal)
    except NotAllowedInArchive:
        abort(403)
    with unit_of_work() as db:
        numbers = disposal_lists.prepare_lists(db, today=local_today(), actor=principal.login)
    if numbers:
        flash(_("Destruction lists prepared: %(numbers)s.", numbers=", ".join(numbers)),
              "success")
    else:
        flash(_("No file is due for destruction."), "info")
    return redirect(url_for(".lists"), code=303)


def _record_url(number: str) -> str | None:
    """The archived file's page (helper T's blueprint), when it is there."""
    try:
        return url_for("archive_records.record", number=number)
    except BuildError:
        return None


def _detail(list_id: int, principal: Principal, *, error: DomainError | None = None,
            ) -> ResponseReturnValue:
    with reader() as db:
        listed = disposal_lists.get_list_for(db, list_id, principal)
        items = disposal_lists.list_items(db, listed)
        certificate = (documents.get_document(db, listed.certificate_document_id)
                       if listed.certificate_document_id else None)
    may = may_approve(principal, listed)
    html = render_template(
        "archive/disposal_list.html", listed=listed, items=items, certificate=certificate,
        may_approve=may, record_url=_record_url,
        reviewing=listed.status == ListStatus.PREPARED.value, error=error)
    return html, error.status if error else 200


@bp.get("/<int:list_id>", endpoint="detail")
def detail(list_id: int) -> ResponseReturnValue:
    """One list: its files, approvals, exclusions and, once executed, the certificate."""
    return _detail(list_id, _reviewer())


def _act(list_id: int, principal: Principal, action: Callable[[Session], object],
         done: str) -> ResponseReturnValue:
    try:
        with unit_of_work() as db:
            action(db)
    except DomainError as exc:
        if exc.status == 404:
            raise
        return _detail(list_id, principal, error=exc)
    flash(done, "success")
    return redirect(url_for(".detail", list_id=list_id), code=303)


def _reason() -> str:
    return request.form.get("reason", "")[:2000]


@bp.post("/<int:list_id>/approve", endpoint="approve")
def approve(list_id: int) -> ResponseReturnValue:
    """Give my approval (as archivist or as the unit's head)."""
    principal = _reviewer()
    return _act(list_id, principal,
                lambda db: approve_list(db, list_id, principal=principal),
                _("Your approval was recorded."))


@bp.post("/<int:list_id>/items/<file_number:number>/exclude", endpoint="exclude")
def exclude(list_id: int, number: str) -> ResponseReturnValue:
    """Take one file off the list, with a reason."""
    principal = _reviewer()
    return _act(list_id, principal,
                lambda db: disposal_lists.exclude_item(db, list_id, number,
                                                       principal=principal, reason=_reason()),
                _("File %(number)s taken off the list.", number=number))


@bp.post("/<int:list_id>/cancel", endpoint="cancel")
def cancel(list_id: int) -> ResponseReturnValue:
    """Cancel the whole list, with a reason."""
    principal = _reviewer()
    return _act(list_id, principal,
                lambda db: disposal_lists.cancel_list(db, list_id, principal=principal,
                                                      reason=_reason()),
                _("The list was cancelled."))


@bp.app_template_global("disposal_reviewer")
def disposal_reviewer() -> bool:
    """Whether the signed-in user reviews destruction lists (for the archive's home)."""
    principal = current_principal()
    return principal is not None and (is_archivist(principal) or principal.has_role("head"))
