"""The documents of a file: versions of documents of the documents context, each with
its title, kind, origin and SHA-256, in the order they joined the file. Never deleted or
changed; a new version of a document already in the file is added as its own row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import documents, registry
from eoffice.files.domain import ActionKind, DocumentRole, FileStatus
from eoffice.files.errors import UnknownFile, UnknownFileDocument
from eoffice.files.models import AdministrativeFile, FileDocument
from eoffice.files.services.access import require_open
from eoffice.files.services.history import record_action
from eoffice.shared.clock import utcnow
from eoffice.shared.db import unit_of_work
from eoffice.shared.outbox import Delivery


@dataclass(frozen=True)
class DocumentRef:
    """A document to put in a file, and why it is there."""

    document_id: str
    role: DocumentRole | str = DocumentRole.PROCESSING


@dataclass(frozen=True)
class FileDocumentView:
    position: int
    document_id: str
    version: int
    role: str
    title: str
    kind: str
    origin: str
    sha256: str
    media_type: str
    added_at: datetime
    added_by: str

    @classmethod
    def of(cls, row: FileDocument) -> FileDocumentView:
        return cls(row.position, row.document_id, row.version, row.role, row.title,
                   row.kind, row.origin, row.sha256, row.media_type, row.added_at,
                   row.added_by)


def add_document(session: Session, file: AdministrativeFile, ref: DocumentRef, *,
                 actor: str) -> FileDocumentView:
    """Put the current version of ``ref``'s document in the open ``file`` (the caller
    holds the file's row lock). The same version twice is kept once; a newer version is
    recorded as a new version. Refused with ``files.closed`` once the file is closed."""
    require_open(file)
    return _add(session, file, ref, actor=actor)


def _add(session: Session, file: AdministrativeFile, ref: DocumentRef, *,
         actor: str) -> FileDocumentView:
    view = documents.get_document(session, ref.document_id)
    current = view.current
    kept = session.scalar(select(FileDocument).where(
        FileDocument.file_id == file.id, FileDocument.document_id == view.id,
        FileDocument.version == current.number))
    if kept is not None:
        return FileDocumentView.of(kept)
    last = session.scalar(select(func.max(FileDocument.position))
                          .where(FileDocument.file_id == file.id))
    row = FileDocument(
        file_id=file.id, position=(last or 0) + 1, document_id=view.id,
        version=current.number, role=DocumentRole(ref.role).value, title=view.title[:500],
        kind=view.doc_type, origin=view.origin, sha256=current.sha256,
        media_type=current.media_type, added_at=utcnow(), added_by=actor)
    session.add(row)
    session.flush()
    record_action(session, file, ActionKind.DOCUMENT_ADDED, actor=actor, at=row.added_at,
                  details={"position": row.position, "document": view.id,
                           "version": row.version, "title": row.title,
                           "sha256": row.sha256, "role": row.role})
    return FileDocumentView.of(row)


def add_document_to(session: Session, file_id: str, ref: DocumentRef, *,
                    actor: str) -> FileDocumentView:
    """:func:`add_document` for a file known by its id (the subject of a process): locks
    the file's row first. UnknownFile, or FileClosed once it is closed."""
    file = session.get(AdministrativeFile, file_id, with_for_update=True)
    if file is None:
        raise UnknownFile()
    return add_document(session, file, ref, actor=actor)


def file_of_document(session: Session, document_id: str) -> str | None:
    """The id of the file holding (a version of) ``document_id``, the first one it joined;
    None when no file holds it."""
    found = session.scalar(select(FileDocument.file_id)
                           .where(FileDocument.document_id == document_id)
                           .order_by(FileDocument.id).limit(1))
    return str(found) if found is not None else None


def documents_of_files(session: Session, numbers: Sequence[str]) -> dict[str, tuple[str, str]]:
    """The documents held by the files numbered ``numbers``: document id → (the number of
    the first of them it joined, its title there)."""
    if not numbers:
        return {}
    rows = session.execute(select(FileDocument.document_id, AdministrativeFile.number,
                                  FileDocument.title)
                           .join(AdministrativeFile, AdministrativeFile.id == FileDocument.file_id)
                           .where(AdministrativeFile.number.in_(list(numbers)))
                           .order_by(FileDocument.id))
    found: dict[str, tuple[str, str]] = {}
    for document_id, number, title in rows:
        found.setdefault(document_id, (number, title))
    return found


def add_closing_index(session: Session, file: AdministrativeFile, document_id: str, *,
                      actor: str) -> FileDocumentView:
    """The sealed index joins the file as it closes (the one document a closing file
    takes)."""
    return _add(session, file, DocumentRef(document_id, DocumentRole.INDEX), actor=actor)


def list_documents(session: Session, file: AdministrativeFile) -> Sequence[FileDocumentView]:
    """The file's documents (every version), in the order they joined it."""
    rows = session.scalars(select(FileDocument).where(FileDocument.file_id == file.id)
                           .order_by(FileDocument.position))
    return [FileDocumentView.of(row) for row in rows]


def get_file_document(session: Session, file: AdministrativeFile,
                      position: int) -> FileDocumentView:
    row = session.scalar(select(FileDocument).where(FileDocument.file_id == file.id,
                                                    FileDocument.position == position))
    if row is None:
        raise UnknownFileDocument()
    return FileDocumentView.of(row)


def pending_receipt(session: Session, file: AdministrativeFile) -> str | None:
    """The registry receipt of the file's entry, once sealed, if the open file does not
    hold it yet (the receipt is sealed after the registration's commit)."""
    if file.registry_entry_id is None or file.state != FileStatus.OPEN:
        return None
    receipt = registry.get_entry(session, file.registry_entry_id).receipt_document_id
    if receipt is None:
        return None
    held = session.scalar(select(FileDocument.id).where(
        FileDocument.file_id == file.id, FileDocument.document_id == receipt))
    return None if held is not None else str(receipt)


def collect_receipt(session: Session, file: AdministrativeFile) -> bool:
    """Add the sealed registry receipt to the open file if it is missing (the caller
    holds the file's row lock); whether it was added."""
    receipt = pending_receipt(session, file)
    if receipt is None:
        return False
    add_document(session, file, DocumentRef(receipt, DocumentRole.RECEIPT), actor="registry")
    return True


def receipt_issued(delivery: Delivery) -> None:
    """Outbox consumer of ``registry.receipt_issued``: the sealed receipt joins the file
    opened from the entry (once; a closed file keeps what it had)."""
    entry_id = str(delivery.payload.get("entry", ""))
    with unit_of_work() as db:
        file = db.scalar(select(AdministrativeFile).where(
            AdministrativeFile.registry_entry_id == entry_id).with_for_update())
        if file is not None:
            collect_receipt(db, file)
