"""A file as another context shows it beside its own work (processing's task page): its
number, subject, responsible unit, status, the application it came from and its
documents. Read only; the caller has already decided that its reader may see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.files.models import AdministrativeFile
from eoffice.files.services.documents import FileDocumentView, list_documents


@dataclass(frozen=True)
class FileBrief:
    id: str
    number: str
    subject: str
    responsible_unit: str
    status: str
    submission_id: str | None
    documents: tuple[FileDocumentView, ...]


def find_file_brief(session: Session, file_id: str) -> FileBrief | None:
    """The file with id ``file_id`` and its documents in order, or None."""
    file = session.get(AdministrativeFile, file_id[:36])
    if file is None:
        return None
    return FileBrief(id=file.id, number=file.number, subject=file.subject,
                     responsible_unit=file.responsible_unit, status=file.state,
                     submission_id=file.submission_id,
                     documents=tuple(list_documents(session, file)))


def find_file_brief_by_number(session: Session, number: str) -> FileBrief | None:
    """The file numbered ``number`` (as :func:`find_file_brief`), or None."""
    file_id = session.scalar(select(AdministrativeFile.id)
                             .where(AdministrativeFile.number == number[:60]))
    return None if file_id is None else find_file_brief(session, file_id)


@dataclass(frozen=True)
class ArchivalBrief:
    """What the archive takes in from a file (closed or not: the archive refuses open
    ones): its identity, classification, parties, dates and every document version."""

    id: str
    number: str
    subject: str
    unit_code: str
    responsible_unit: str
    procedure_code: str | None
    case_code: str | None
    parties: tuple[dict[str, Any], ...]
    status: str
    opened_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    index_document_id: str | None
    documents: tuple[FileDocumentView, ...]


def find_archival_brief(session: Session, number: str) -> ArchivalBrief | None:
    """The file numbered ``number`` as the archive takes it in, or None."""
    file = session.scalar(select(AdministrativeFile)
                          .where(AdministrativeFile.number == number[:60]))
    if file is None:
        return None
    return ArchivalBrief(
        id=file.id, number=file.number, subject=file.subject, unit_code=file.unit_code,
        responsible_unit=file.responsible_unit, procedure_code=file.procedure_code,
        case_code=file.case_code, parties=tuple(dict(p) for p in file.parties or []),
        status=file.state, opened_at=file.opened_at, closed_at=file.closed_at,
        closed_by=file.closed_by, index_document_id=file.index_document_id,
        documents=tuple(list_documents(session, file)))
