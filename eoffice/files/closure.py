"""Closing a file: the file index (índice) lists every document of the file with its
date, title and SHA-256, is sealed by the office and joins the file, which is then
immutable. A clerk closes it, or the worker as the file's process asked. Sealing asks the
timestamp authority, so the index is prepared outside any transaction
(``documents.prepare_document``) and recorded, with the closure, in one unit of work
afterwards; if the file changed meanwhile nothing is recorded (409) and closing again
starts over. When sealing fails nothing changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from eoffice import documents, identity
from eoffice.files.domain import ActionKind, FileStatus, Whereabouts, may_work
from eoffice.files.errors import ChangedWhileClosing, MovementPending, NotAllowedOnFile
from eoffice.files.models import AdministrativeFile
from eoffice.files.services.access import get_file, get_file_for, require_open, whereabouts
from eoffice.files.services.documents import (
    FileDocumentView,
    add_closing_index,
    collect_receipt,
    list_documents,
)
from eoffice.files.services.history import record_action
from eoffice.identity import Principal
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date

#: Outbox topic of a file just closed (payload ``file_number``): the archive takes it in.
CLOSED_TOPIC = "files.file_closed"
TITLES = {"es": "Índice del expediente", "ca": "Índex de l'expedient",
          "en": "File index"}


def _may_close(principal: Principal, file: AdministrativeFile, where: Whereabouts) -> None:
    if not may_work(principal, where):
        raise NotAllowedOnFile()
    require_open(file)
    if where.pending is not None:
        raise MovementPending()


def index_entries(held: Sequence[FileDocumentView]) -> list[dict[str, str]]:
    """One line per document version in the file: date, title and SHA-256."""
    return [{"date": local_date(d.added_at).isoformat(),
             "title": d.title if d.version == 1 else f"{d.title} (v{d.version})",
             "sha256": d.sha256} for d in held]


def index_data(file: AdministrativeFile, held: Sequence[FileDocumentView]) -> dict[str, Any]:
    """What the index shows and embeds as JSON."""
    return {
        "file_number": file.number,
        "entries": index_entries(held),
        "fields": [[_("Subject"), file.subject],
                   [_("Procedure"), file.procedure_code or "-"],
                   [_("Responsible unit"), file.responsible_unit],
                   [_("Documents"), str(len(held))]],
    }


def close_file(number: str, principal: Principal, *, language: str) -> str:
    """Close the file ``number`` for ``principal`` (``files.process`` in its responsible
    unit): seal its index, add it, freeze the file. The index's document id."""

    def checked(session: Session) -> AdministrativeFile:
        file, where = get_file_for(session, number, principal, for_update=True)
        _may_close(principal, file, where)
        return file

    return _close(number, checked, actor=principal.login, language=language)


def close_file_for_process(number: str, *, actor: str, language: str) -> str:
    """Close the file ``number`` as its process asked (``actor`` is the system, no
    person's permission applies): the same index and the same refusals (closed, a
    movement pending). The index's document id."""

    def checked(session: Session) -> AdministrativeFile:
        file = get_file(session, number, for_update=True)
        require_open(file)
        if whereabouts(session, file).pending is not None:
            raise MovementPending()
        return file

    return _close(number, checked, actor=actor, language=language)


def _close(number: str, checked: Callable[[Session], AdministrativeFile], *, actor: str,
           language: str) -> str:
    with unit_of_work() as db:  # the receipt sealed after registration, if still missing
        collect_receipt(db, checked(db))
    with reader() as db:
        file = get_file(db, number)
        held = list_documents(db, file)
        unit = identity.describe_unit(db, file.responsible_unit, locale=language)
        data = index_data(file, held)
        unit_code = file.responsible_unit
    prepared = documents.prepare_document(
        doc_type=documents.DocumentType.FILE_INDEX,
        title=f"{TITLES.get(language, TITLES['es'])} {number}", data=data,
        language=language, unit_code=unit_code, unit_name=unit.name,
        attachments_json={"file_index.json": data})
    with unit_of_work() as db:
        return _record_closure(db, checked(db), prepared, actor=actor,
                               seen=[(d.position, d.sha256) for d in held])


def _record_closure(session: Session, file: AdministrativeFile,
                    prepared: documents.PreparedDocument, *, actor: str,
                    seen: list[tuple[int, str]]) -> str:
    if [(d.position, d.sha256) for d in list_documents(session, file)] != seen:
        raise ChangedWhileClosing()
    issued = documents.record_document(session, prepared, actor=actor)
    add_closing_index(session, file, issued.id, actor=actor)
    file.state = FileStatus.CLOSED.value
    file.closed_at, file.closed_by = utcnow(), actor
    file.index_document_id = issued.id
    record_action(session, file, ActionKind.CLOSED, actor=actor, at=file.closed_at,
                  details={"index": issued.id, "sha256": issued.sha256,
                           "verification_code": issued.verification_code,
                           "documents": len(seen)})
    outbox.enqueue(session, CLOSED_TOPIC, {"file_number": file.number},
                   dedup_key=f"{CLOSED_TOPIC}:{file.id}")
    return issued.id
