"""The back office's pages of administrative files: the files of my units (newest
first, paginated) and one file with its parties, documents (download links), timeline,
annotations, movements and closure. Plain forms: everything works without JavaScript.
Every file is checked against who asks; others are told it does not exist."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import documents, identity
from eoffice.files import closure, commands
from eoffice.files.errors import (
    EmptyAnnotation,
    InvalidMovement,
    MovementPending,
    NoMovement,
    ReasonRequired,
    UnknownFile,
)
from eoffice.files.services.access import get_file_for, search_files_for
from eoffice.files.services.documents import get_file_document
from eoffice.files.services.phases import PHASE_NAMES
from eoffice.files.services.viewing import note_document_downloaded, note_file_viewed
from eoffice.files.views import file_summary, load_file
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader
from eoffice.shared.i18n import _, current_language

bp = Blueprint("files_pages", __name__, url_prefix="/backoffice/files")
PAGE_SIZE = 25


def _staff() -> Principal:
    return identity.require_permission(Permission.VIEW_FILES, somewhere=True)


def _back(number: str) -> ResponseReturnValue:
    return redirect(url_for("files_pages.detail", number=number))


@bp.get("", endpoint="files")
def list_files() -> ResponseReturnValue:
    """The files of my units, newest first, ``?page=``."""
    principal = _staff()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    with reader() as db:
        rows, total = search_files_for(db, principal, page=page, page_size=PAGE_SIZE)
        items = [file_summary(row) for row in rows]
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template("files/list.html", items=items, page=page, pages=pages,
                           total=total)


@bp.get("/<file_number:number>", endpoint="detail")
def show_file(number: str) -> ResponseReturnValue:
    principal = _staff()
    file = load_file(number, principal)
    note_file_viewed(file["number"], principal, channel="page")  # the parties see it
    with reader() as db:
        units = [u for u in identity.list_units(db, codes=None, locale=current_language())
                 if u.code != file["unit"]]
    return render_template("files/detail.html", file=file, units=units,
                           phase_names=PHASE_NAMES)


@bp.post("/<file_number:number>/annotations", endpoint="annotate")
def annotate(number: str) -> ResponseReturnValue:
    try:
        commands.annotate(number, _staff(), request.form.get("text", "")[:5000])
    except EmptyAnnotation as refused:
        flash(str(refused.title), "error")
        return _back(number)
    flash(_("The annotation is in the file."), "success")
    return _back(number)


@bp.post("/<file_number:number>/movements", endpoint="move")
def move(number: str) -> ResponseReturnValue:
    action = request.form.get("action", "")
    if action not in ("send", "receive", "return"):
        flash(_("Choose what to do with the file."), "error")
        return _back(number)
    principal = _staff()
    try:
        commands.move(number, principal, action=action,
                      unit=request.form.get("unit") or None,
                      reason=(request.form.get("reason") or "")[:500] or None)
    except (ReasonRequired, InvalidMovement, MovementPending, NoMovement) as refused:
        flash(str(refused.title), "error")
        return _back(number)
    messages = {"send": _("The file has been sent."), "receive": _("You have received the "
                "file: your unit is now responsible for it."),
                "return": _("The file has been returned.")}
    flash(messages[action], "success")
    return _after_move(number, principal)


def _after_move(number: str, principal: Principal) -> ResponseReturnValue:
    """Back to the file, or to the list once the file is out of her sight (returned)."""
    with reader() as db:
        try:
            get_file_for(db, number, principal)
        except UnknownFile:
            return redirect(url_for("files_pages.files"))
    return _back(number)


@bp.post("/<file_number:number>/close", endpoint="close")
def close(number: str) -> ResponseReturnValue:
    """Seal the index and close the file (409 page when it cannot be closed)."""
    try:
        closure.close_file(number, _staff(), language=current_language())
    except MovementPending as refused:
        flash(str(refused.title), "error")
        return _back(number)
    flash(_("The file is closed and its index is sealed."), "success")
    return _back(number)


@bp.get("/<file_number:number>/documents/<int:position>", endpoint="document")
def download(number: str, position: int) -> ResponseReturnValue:
    """One document version of the file."""
    principal = _staff()
    with reader() as db:
        file, _where = get_file_for(db, number, principal)
        held = get_file_document(db, file, position)
        version, chunks = documents.open_content(db, held.document_id, version=held.version)
    note_document_downloaded(file, held.document_id, principal, channel="page")
    return documents.content_response(version, chunks,
                                      name=f"{position:03d}-{held.document_id}")
