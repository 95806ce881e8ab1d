"""The changes staff make to a file from the API or the pages, each in one unit of work
with the file's row locked: who may see it (else 404), whether it is still open (else
409 ``files.closed``), whether she may make this change (else 403), then the service."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.files.domain import Whereabouts, may_receive, may_return, may_work
from eoffice.files.errors import NotAllowedOnFile
from eoffice.files.models import AdministrativeFile, FileDocument
from eoffice.files.services.access import get_file_for, require_open
from eoffice.files.services.annotating import AnnotationView, add_annotation
from eoffice.files.services.documents import DocumentRef, FileDocumentView, add_document
from eoffice.files.services.moving import MovementView, receive_file, return_file, send_file
from eoffice.identity import Permission, Principal
from eoffice.shared.db import unit_of_work

Rule = Callable[[Principal, Whereabouts], bool]


def _working(session: Session, number: str, principal: Principal,
             rule: Rule) -> AdministrativeFile:
    file, where = get_file_for(session, number, principal, for_update=True)
    require_open(file)
    if not rule(principal, where):
        raise NotAllowedOnFile()
    return file


def annotate(number: str, principal: Principal, text: str) -> AnnotationView:
    with unit_of_work() as db:
        file = _working(db, number, principal, may_work)
        return add_annotation(db, file, text, actor=principal.login)


def file_document(number: str, principal: Principal, document_id: str) -> FileDocumentView:
    """Add a document the clerk may see (one of her units', or a new version of one
    already in the file)."""
    with unit_of_work() as db:
        file = _working(db, number, principal, may_work)
        view = documents.get_document(db, document_id)
        in_file = db.scalar(select(FileDocument.id).where(
            FileDocument.file_id == file.id, FileDocument.document_id == view.id))
        if in_file is None and not principal.can(Permission.VIEW_FILES, unit=view.unit_code):
            raise documents.UnknownDocument()
        return add_document(db, file, DocumentRef(view.id), actor=principal.login)


def move(number: str, principal: Principal, *, action: str, unit: str | None,
         reason: str | None) -> MovementView:
    """``send`` (to ``unit``, with a reason), ``receive`` or ``return`` (with a reason)."""
    with unit_of_work() as db:
        if action == "send":
            file = _working(db, number, principal, may_work)
            return send_file(db, file, to_unit=unit or "", reason=reason,
                             actor=principal.login)
        if action == "receive":
            file = _working(db, number, principal, may_receive)
            return receive_file(db, file, actor=principal.login)
        file = _working(db, number, principal, may_return)
        return return_file(db, file, reason=reason, actor=principal.login)
