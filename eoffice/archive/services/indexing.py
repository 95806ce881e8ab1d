"""What the archive puts in its search index, and how it gets there.

Every archived file (a :class:`Record`) becomes several index items: the file itself
(its metadata), each document of its archival package (with the text extracted from the
PDF), the registry entries and exits naming it, and its notifications. Every item carries
the unit, series, year of closure and confidentiality the search is trimmed by.

Items reach the index through the outbox (``topics.INDEX_TOPIC``): whoever changes a
record enqueues ``{record_id}`` in the same transaction, and the worker rebuilds that
record's items (delete, then put: redelivery does no harm). A crash before the message
is settled only means it is delivered again. ``reindex`` rebuilds the whole index from
the database (``eoffice archive reindex``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from eoffice import files, notifications, registry
from eoffice.archive.domain import RecordStatus
from eoffice.archive.index.port import ArchiveIndex, IndexedItem
from eoffice.archive.models import PackageFile, Record
from eoffice.archive.runtime import archive_index
from eoffice.archive.topics import INDEX_TOPIC
from eoffice.shared.clock import utcnow
from eoffice.shared.db import current_database, reader
from eoffice.shared.localtime import local_date
from eoffice.shared.outbox import Delivery, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

#: Package roles whose files are documents worth finding (not metadata nor METS).
DOCUMENT_ROLES = ("document", "index")
#: Records read per round trip while rebuilding the whole index.
BATCH = 50

RecordsDone = Callable[[int], None]  # called with how many records were just read


def _common(record: Record) -> dict[str, Any]:
    """What every item of ``record`` carries (facets and trimming)."""
    return {
        "record_id": record.id,
        "file_number": record.file_number,
        "unit": record.unit_code,
        "series": record.series_code,
        "year": local_date(record.closed_at).year,
        "confidentiality": record.confidentiality,
        "procedure": record.procedure_code,
        "parties": tuple(str(p.get("name", "")) for p in record.parties or ()
                         if p.get("name")),
    }


def _file_item(record: Record) -> IndexedItem:
    common = _common(record)
    extra = " ".join(str(v) for v in (record.extra or {}).values()
                     if isinstance(v, str | int | float))
    text = " ".join(part for part in (
        record.subject, record.procedure_code or "", record.case_code or "",
        " ".join(common["parties"]), record.file_number, record.unit_code, extra) if part)
    return IndexedItem(id=f"file:{record.id}", kind="file", title=record.subject,
                       text=text, date=local_date(record.closed_at), **common)


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF (pdfium), pages separated by blank lines."""
    import pypdfium2  # noqa: PLC0415 - heavy, only the worker extracts text

    document = pypdfium2.PdfDocument(data)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_range())
            finally:
                textpage.close()
                page.close()
        return "\n\n".join(pages)
    finally:
        document.close()


def _document_text(record: Record, held: PackageFile) -> str:
    """The extracted text of one payload file; empty (metadata only) when it cannot be
    read or is not a PDF, which is logged and never stops the indexing."""
    if held.media_type != "application/pdf":
        return ""
    from eoffice.archive.services.packages import read_payload  # noqa: PLC0415

    try:
        return pdf_text(read_payload(record, held.path))
    except Exception:  # a broken or missing PDF: index what we know about it
        log.warning("archive index: no text from %s of %s (indexed without it)",
                    held.path, record.file_number, exc_info=True)
        return ""


def _document_items(session: Session, record: Record) -> list[IndexedItem]:
    held = session.scalars(select(PackageFile).where(
        PackageFile.record_id == record.id, PackageFile.role.in_(DOCUMENT_ROLES),
        PackageFile.destroyed_at.is_(None)).order_by(PackageFile.path))
    common = _common(record)
    return [IndexedItem(id=f"document:{record.id}:{one.path}", kind="document",
                        title=one.title, text=f"{one.title}\n{_document_text(record, one)}",
                        date=local_date(one.added_at), **common)
            for one in held]


def _entry_items(session: Session, record: Record) -> list[IndexedItem]:
    brief = files.find_file_brief(session, record.file_id)
    opening = (registry.find_entry_for_submission(session, brief.submission_id)
               if brief is not None and brief.submission_id else None)
    found = registry.entries_of_file(session, record.file_number,
                                     also=[opening.id] if opening is not None else [])
    common = _common(record)
    items = []
    for kind, entry in found:
        names = " ".join(str(p.get("name", "")) for p in entry.parties or ())
        label = "Exit" if kind == "exit" else "Entry"
        items.append(IndexedItem(
            id=f"entry:{entry.id}", kind="entry", title=f"{label} {entry.number}",
            text=f"{entry.number} {entry.subject} {names} {entry.channel}",
            date=local_date(entry.registered_at), **common))
    return items


def _notification_items(session: Session, record: Record) -> list[IndexedItem]:
    common = _common(record)
    return [IndexedItem(
        id=f"notification:{view.id}", kind="notification", title=view.subject,
        text=" ".join(part for part in (view.subject, view.addressee_name,
                                        view.exit_number or "", view.kind, view.state)),
        date=local_date(view.available_at or view.created_at), **common)
        for view in notifications.notifications_of_file(session, record.file_number)]


def items_of_record(session: Session, record: Record) -> list[IndexedItem]:
    """Every index item of ``record``. A destroyed record (the tombstone) keeps only its
    file item: metadata, no document text."""
    items = [_file_item(record)]
    if record.status == RecordStatus.DESTROYED.value or record.destroyed_at is not None:
        return items
    items += _document_items(session, record)
    items += _entry_items(session, record)
    items += _notification_items(session, record)
    return items


def index_record(record_id: str, *, index: ArchiveIndex | None = None) -> int:
    """Rebuild the items of the record ``record_id`` in the index (none when it is
    gone); how many items it now has there. ``IndexUnavailable`` propagates.

    The record's row stays locked (PostgreSQL) while its items are read and written, so
    two workers indexing the same record take turns and the later state is written last:
    a destruction is never overwritten by text read before it."""
    index = index or archive_index()
    with _record_turn() as session:
        record = session.scalar(select(Record).where(Record.id == record_id[:36])
                                .with_for_update())
        items = items_of_record(session, record) if record is not None else []
        index.ensure()
        index.delete_record(record_id)
        if items:
            index.put(items)
    return len(items)


@contextmanager
def _record_turn() -> Iterator[Session]:
    """A transaction whose row locks last until the index is written (PostgreSQL); on
    SQLite, which takes no row locks and whose write lock would stop every other writer
    meanwhile, a plain reader."""
    database = current_database()
    if database.engine.dialect.name == "sqlite":
        with database.reader() as session:
            yield session
    else:
        with database.unit_of_work() as session:
            yield session


def record_to_index(delivery: Delivery) -> None:
    """Outbox consumer of ``archive.index_record``: the record's items, replaced. When the
    index does not answer the error propagates and the outbox delivers it again later."""
    index_record(str(delivery.payload.get("record_id", "")))


def _all_items(done: RecordsDone | None) -> Iterator[IndexedItem]:
    with reader() as session:
        records = session.scalars(select(Record).order_by(Record.transferred_at, Record.id)
                                  .execution_options(yield_per=BATCH))
        for record in records:
            yield from items_of_record(session, record)
            if done is not None:
                done(1)


def reindex(progress: RecordsDone | None = None) -> int:
    """Rebuild the whole index from the database, switching to it at the end (searches
    keep answering meanwhile); ``progress`` is told of every record read. Items written.

    Records whose index updates the worker delivered meanwhile (to the index being
    replaced: a destruction, a date correction) are indexed again once the new index is
    live, so none of those changes is lost to the switch."""
    index = archive_index()
    index.ensure()
    started = utcnow()
    written = index.rebuild(_all_items(progress))
    for record_id in _changed_since(started):
        index_record(record_id, index=index)
    return written


def _changed_since(moment: datetime) -> set[str]:
    """Records an index update was delivered for, or is waiting, since ``moment``."""
    with reader() as session:
        payloads = session.scalars(
            select(OutboxMessage.payload).where(
                OutboxMessage.topic == INDEX_TOPIC,
                or_(OutboxMessage.processed_at >= moment,
                    OutboxMessage.status == OutboxStatus.PENDING)))
        return {str(payload.get("record_id", "")) for payload in payloads} - {""}


def count_records() -> int:
    """How many archived files the database holds."""
    with reader() as session:
        return int(session.scalar(select(func.count()).select_from(Record)) or 0)


def index_gaps() -> tuple[set[str], set[str]]:
    """(records missing from the index, record ids the index holds that the database
    does not): both empty when the index is complete."""
    with reader() as session:
        in_database = set(session.scalars(select(Record.id)))
    index = archive_index()
    index.ensure()
    in_index = index.record_ids()
    return in_database - in_index, in_index - in_database
