"""Timestamp renewal of archived documents (PAdES B-LTA): the worker's job finds the
signed PDFs of archived files whose newest version (their newest timestamp) is older
than ``archive_timestamp_renewal_days``, asks the documents context to add a new
document timestamp (a new version), and adds that version to the file's package next
to the earlier ones (``data/documents/0003-resolution.v2.pdf``), so the package alone
keeps a verifiable copy.

A few documents per round (each asks the timestamp authority). A version renewed but
not yet in the package (a crash in between) is added on a later round: a document
whose current version is newer than the package's and was made after the transfer.
Files on a destruction list, or due for destruction, are not renewed.
The scan of candidates runs at most once an hour while it finds nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.archive.domain import DispositionAction, RecordStatus
from eoffice.archive.models import PackageFile, Record
from eoffice.archive.services import packages
from eoffice.archive.topics import INDEX_TOPIC
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database
from eoffice.shared.errors import DomainError

log = logging.getLogger(__name__)
PDF = "application/pdf"
SYSTEM = "system"
PER_ROUND = 3
CHUNK = 500
SCAN_EVERY = timedelta(hours=1)
_LAST_EMPTY_SCAN = "eoffice.archive.renewal_scan"
_SUFFIX = re.compile(r"(\.v\d+)?(\.[A-Za-z0-9]+)?$")


@dataclass(frozen=True)
class Candidate:
    record_id: str
    document_id: str
    renew: bool  # False: already renewed, only the package is behind


def versioned_path(path: str, version: int) -> str:
    """``data/documents/0003-resolution.pdf`` → ``data/documents/0003-resolution.v2.pdf``."""
    match = _SUFFIX.search(path)
    assert match is not None
    return f"{path[:match.start()]}.v{version}{match.group(2) or '.pdf'}"


def candidates(session: Session, *, older_than_days: int,
               now: datetime | None = None) -> list[Candidate]:
    """Archived documents due for renewal, and renewed ones missing from their package."""
    now = now or utcnow()
    cutoff = now - timedelta(days=older_than_days)
    ending = ((Record.action == DispositionAction.DESTROY.value)
              & Record.retention_until.is_not(None) & (Record.retention_until <= now.date()))
    rows = session.execute(
        select(PackageFile.record_id, PackageFile.document_id,
               func.max(PackageFile.version), Record.transferred_at)
        .join(Record, Record.id == PackageFile.record_id)
        .where(Record.destroyed_at.is_(None), PackageFile.destroyed_at.is_(None),
               Record.status == RecordStatus.ARCHIVED.value, ~ending,
               PackageFile.document_id.is_not(None), PackageFile.media_type == PDF)
        .group_by(PackageFile.record_id, PackageFile.document_id, Record.transferred_at)
        .order_by(PackageFile.record_id, PackageFile.document_id)).all()
    found: list[Candidate] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        facts = documents.version_facts(session, [str(row[1]) for row in chunk])
        for record_id, document_id, packaged, transferred_at in chunk:
            fact = facts.get(str(document_id))
            if document_id is None or fact is None or fact.media_type != PDF:
                continue
            if fact.number > (packaged or 0) and fact.created_at >= transferred_at:
                found.append(Candidate(record_id, document_id, renew=False))
            elif fact.signed and fact.created_at <= cutoff:
                found.append(Candidate(record_id, document_id, renew=True))
    return found


def add_current_version(session: Session, record_id: str, document_id: str, *,
                        actor: str = SYSTEM) -> str | None:
    """Add the document's current version to the record's package (after a renewal); the
    path added, or None when the package already has it or the record is gone."""
    record = session.get(Record, record_id, with_for_update=True)
    if record is None or record.destroyed_at is not None:
        return None
    base = session.scalars(select(PackageFile).where(
        PackageFile.record_id == record_id, PackageFile.document_id == document_id)
        .order_by(PackageFile.version.desc(), PackageFile.id.desc())).first()
    view, chunks = documents.open_content(session, document_id)
    if base is None or (base.version or 0) >= view.number:
        return None
    data = b"".join(chunks)
    path = versioned_path(base.path, view.number)
    target = packages.payload_path(packages.package_dir(record), path)
    if target.exists():  # written by an attempt whose transaction did not commit
        target.unlink()
    packages.add_payload_file(session, record, path=path, data=data, role=base.role,
                              title=base.title, media_type=view.media_type,
                              document_id=document_id, version=view.number, actor=actor)
    audit.record_event(session, "archive.timestamp_renewed", actor=actor,
                       object_type="archive_record", object_id=record.id,
                       unit_code=record.unit_code,
                       data={"file_number": record.file_number, "document": document_id,
                             "version": view.number, "path": path,
                             "sha256": view.sha256})
    outbox.enqueue(session, INDEX_TOPIC, {"record_id": record.id})
    return path


def _scan_wanted(now: datetime) -> bool:
    last: datetime | None = current_app.extensions.get(_LAST_EMPTY_SCAN)
    return last is None or now < last or now - last >= SCAN_EVERY


def renew_due(database: Database, *, older_than_days: int, limit: int = PER_ROUND,
              actor: str = SYSTEM) -> int:
    """One round: renew up to ``limit`` due documents and add them to their packages;
    how many packages got a renewed version."""
    now = utcnow()
    if not _scan_wanted(now):
        return 0
    with database.reader() as session:
        due = candidates(session, older_than_days=older_than_days, now=now)
    current_app.extensions[_LAST_EMPTY_SCAN] = None if due else now
    done = 0
    for candidate in due[:limit]:
        try:
            if candidate.renew and documents.renew_timestamp(
                    candidate.document_id, actor=actor) is None:
                continue
            with database.unit_of_work() as session:
                if add_current_version(session, candidate.record_id, candidate.document_id,
                                       actor=actor):
                    done += 1
        except DomainError as exc:  # TSA down, a blob damaged: next round tries again
            log.warning("timestamp renewal of document %s failed: %s (%s)",
                        candidate.document_id, exc.code, exc)
    return done


def renewals_of(session: Session, record_id: str) -> list[PackageFile]:
    """The renewed versions added to ``record``'s package, oldest first."""
    return list(session.scalars(select(PackageFile).where(
        PackageFile.record_id == record_id, PackageFile.document_id.is_not(None),
        PackageFile.version > 1, PackageFile.path.like("%.v%"))
        .order_by(PackageFile.added_at, PackageFile.id)))
