"""Transfer of a closed file to the archive: its archival package (a BagIt bag with
METS), its transfer receipt (acta de transferencia, sealed) and its record.

The pattern of the files' closure: read in a reader, do the slow work outside any
transaction (stream every document version into a staged bag and validate it; seal the
receipt, which asks the timestamp authority), then record everything in ONE unit of
work — the record and its package files, the receipt, the retention schedule, the index
message and the audit event. Before that unit of work the bag is renamed into a final
folder of this attempt's own (the file number and the record id's prefix); if anything
fails afterwards that folder is removed and nothing is recorded. Two attempts at once
never touch each other's folder; once one has recorded the file, the folders of the
others that no record owns (rolled back, or crashed before their commit) are removed."""

from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date
from mimetypes import guess_extension
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, documents, files, identity
from eoffice.archive import topics
from eoffice.archive.domain import RecordStatus
from eoffice.archive.errors import AlreadyTransferred, FileNotClosed, NotAllowedInArchive
from eoffice.archive.models import PackageFile, Record
from eoffice.archive.runtime import archive_runtime
from eoffice.archive.services import retention
from eoffice.archive.services.access import is_archivist
from eoffice.archive.services.packages_build import (
    PayloadSource,
    StagedBag,
    attempt_folders,
    discard,
    install_bag,
    stage_bag,
)
from eoffice.identity import Permission, Principal
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date

log = logging.getLogger(__name__)
SYSTEM = "system"
TITLES = {"es": "Acta de transferencia", "ca": "Acta de transferència",
          "en": "Transfer receipt"}


@dataclass(frozen=True)
class TransferView:
    record_id: str
    file_number: str
    package_sha256: str
    receipt_document_id: str | None


@dataclass(frozen=True)
class _Snapshot:
    """What was read of the closed file before the slow work."""

    brief: files.ArchivalBrief
    unit_name: str
    eni: dict[tuple[str, int], dict[str, Any]]
    resolution_date: date | None


def _check_principal(brief: files.ArchivalBrief | None, principal: Principal | None) -> None:
    if principal is None or is_archivist(principal):
        if brief is None:
            raise files.UnknownFile()
        return
    if brief is None or not principal.can(Permission.VIEW_FILES, unit=brief.responsible_unit):
        raise files.UnknownFile()
    if not principal.can(Permission.PROCESS_FILES, unit=brief.responsible_unit):
        raise NotAllowedInArchive()


def _refuse_twice(session: Session, file_id: str) -> None:
    if session.scalar(select(Record.id).where(Record.file_id == file_id)) is not None:
        raise AlreadyTransferred()


def _eni(view: documents.DocumentView, version: int) -> dict[str, Any]:
    chosen = next((v for v in view.versions if v.number == version), view.current)
    return {"identifier": view.identifier, "eni_type": view.eni_type,
            "doc_type": view.doc_type, "language": view.language,
            "unit_code": view.unit_code, "origin": view.origin,
            "elaboration_state": view.elaboration_state,
            "captured_at": view.captured_at.isoformat(),
            "verification_code": view.verification_code,
            "pdfa_conforms": chosen.pdfa_conforms,
            "signatures": len(chosen.signatures)}


def _read(number: str, principal: Principal | None, language: str) -> _Snapshot:
    with reader() as db:
        brief = files.find_archival_brief(db, number)
        _check_principal(brief, principal)
        assert brief is not None
        _refuse_twice(db, brief.id)
        if brief.status != files.FileStatus.CLOSED.value or brief.closed_at is None:
            raise FileNotClosed()
        unit = identity.describe_unit(db, brief.responsible_unit, locale=language)
        eni = {(d.document_id, d.version): _eni(documents.get_document(db, d.document_id),
                                                d.version) for d in brief.documents}
    resolutions = [d.added_at for d in brief.documents
                   if d.kind == documents.DocumentType.RESOLUTION.value]
    return _Snapshot(brief, unit.name, eni,
                     local_date(max(resolutions)) if resolutions else None)


def _slug(title: str) -> str:
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "document"


def _extension(media_type: str) -> str:
    if media_type == "application/pdf":
        return ".pdf"
    return guess_extension(media_type.split(";", maxsplit=1)[0].strip()) or ".bin"


def _chunks(document_id: str, version: int) -> Any:
    """The bytes of one version, streamed (and checked) by the documents context."""
    with reader() as db:
        _version, chunks = documents.open_content(db, document_id, version=version)
    yield from chunks


def _sources(brief: files.ArchivalBrief) -> list[PayloadSource]:
    sources = []
    for held in brief.documents:
        is_index = held.document_id == brief.index_document_id
        path = ("data/index/file-index.pdf" if is_index else
                f"data/documents/{held.position:04d}-{_slug(held.title)}"
                f"{_extension(held.media_type)}")
        sources.append(PayloadSource(
            path=path, role="index" if is_index else "document", title=held.title,
            media_type=held.media_type, document_id=held.document_id, version=held.version,
            expected_sha256=held.sha256, chunks=_chunks(held.document_id, held.version),
            created=held.added_at.isoformat()))
    return sources


def _metadata(snapshot: _Snapshot, record_id: str) -> dict[str, Any]:
    brief = snapshot.brief
    return {"record_id": record_id, "file_number": brief.number, "subject": brief.subject,
            "unit": brief.responsible_unit, "unit_name": snapshot.unit_name,
            "opening_unit": brief.unit_code, "procedure": brief.procedure_code,
            "case": brief.case_code, "parties": list(brief.parties),
            "opened_at": brief.opened_at.isoformat(),
            "closed_at": brief.closed_at.isoformat() if brief.closed_at else None,
            "closed_by": brief.closed_by, "index_document_id": brief.index_document_id,
            "resolution_date": (snapshot.resolution_date.isoformat()
                                if snapshot.resolution_date else None)}


def _file_folder(number: str) -> str:
    unit, year, sequence = number.split("/")
    return f"packages/{year}/{unit}-{year}-{sequence}"


def package_folder(number: str, record_id: str) -> str:
    """``packages/<year>/<unit>-<year>-<seq>-<first 8 of the record id>`` (relative to
    the archive root): each transfer attempt has its own."""
    return f"{_file_folder(number)}-{record_id[:8]}"


def _remove_leftovers(number: str) -> None:
    """Remove the bag folders of ``number`` that no record owns: attempts rolled back,
    crashed between their rename and their commit, or still running but bound to be
    refused. Called only once the file's record is committed (no other attempt can
    record the file any more); a failure here leaves them for next time."""
    root = archive_runtime().root
    base = root / _file_folder(number)
    try:
        found = {folder.relative_to(root).as_posix(): folder
                 for folder in attempt_folders(base.parent, base.name)}
        if not found:
            return
        with reader() as db:
            owned = set(db.scalars(select(Record.package_path)
                                   .where(Record.package_path.in_(sorted(found)))))
        for path, folder in found.items():
            if path not in owned:
                discard(folder)
    except Exception:  # the transfer is recorded: a leftover is no reason to fail it
        log.exception("could not remove leftover package folders of %s", number)


def _stage(snapshot: _Snapshot, record_id: str, *, actor: str, at: str) -> StagedBag:
    brief = snapshot.brief
    city = current_app.config["EOFFICE_SETTINGS"].city_name
    description = {"file_number": brief.number, "subject": brief.subject,
                   "unit": brief.responsible_unit,
                   "closed_at": brief.closed_at.isoformat() if brief.closed_at else "",
                   "procedure": brief.procedure_code, "case": brief.case_code,
                   "record_id": record_id, "transferred_at": at, "transferred_by": actor,
                   "source_organization": city}
    bag_info = {"Source-Organization": city, "External-Identifier": brief.number,
                "Internal-Sender-Identifier": record_id,
                "Internal-Sender-Description": brief.subject[:200]}
    return stage_bag(archive_runtime().packages, sources=_sources(brief),
                     metadata=_metadata(snapshot, record_id), eni=snapshot.eni,
                     description=description, bag_info=bag_info)


def _prepare_receipt(snapshot: _Snapshot, staged: StagedBag, *, actor: str, at: str,
                     language: str) -> documents.PreparedDocument:
    brief = snapshot.brief
    title = f"{TITLES.get(language, TITLES['es'])} {brief.number}"
    fields = [[_("File"), brief.number], [_("Subject"), brief.subject],
              [_("Responsible unit"), f"{snapshot.unit_name} ({brief.responsible_unit})"],
              [_("Documents"), str(sum(1 for f in staged.files if f.role == "document"))],
              [_("Package SHA-256"), staged.tagmanifest_sha256],
              [_("Package size"), _("%(bytes)s bytes", bytes=staged.size)],
              [_("Transferred at"), at], [_("Transferred by"), actor]]
    data = {"title": title, "file_number": brief.number, "fields": fields}
    return documents.prepare_document(
        doc_type=documents.DocumentType.CERTIFICATE, title=title, data=data,
        language=language, unit_code=brief.responsible_unit, unit_name=snapshot.unit_name,
        attachments_json={"transfer.json": {
            "file_number": brief.number, "package_sha256": staged.tagmanifest_sha256,
            "bytes": staged.size, "transferred_at": at, "transferred_by": actor,
            "files": [{"path": f.path, "sha256": f.sha256} for f in staged.files]}})


def _record(session: Session, snapshot: _Snapshot, staged: StagedBag, record_id: str, *,
            prepared: documents.PreparedDocument, actor: str, folder: str) -> Record:
    brief = snapshot.brief
    _refuse_twice(session, brief.id)
    now = utcnow()
    assert brief.closed_at is not None
    record = Record(
        id=record_id, file_id=brief.id, file_number=brief.number, series_code="UNCLASSIFIED",
        procedure_code=brief.procedure_code, case_code=brief.case_code,
        unit_code=brief.responsible_unit, subject=brief.subject[:500],
        parties=list(brief.parties), opened_at=brief.opened_at, closed_at=brief.closed_at,
        resolution_date=snapshot.resolution_date, extra={}, action="keep",
        confidentiality="restricted", status=RecordStatus.ARCHIVED.value,
        transferred_at=now, transferred_by=actor, package_path=folder,
        package_sha256=staged.tagmanifest_sha256, package_bytes=staged.size,
        index_document_id=brief.index_document_id or "")
    retention.apply_schedule(session, record)
    session.add(record)
    session.flush()
    for staged_file in staged.files:
        session.add(PackageFile(
            record_id=record.id, path=staged_file.path, role=staged_file.role,
            document_id=staged_file.document_id, version=staged_file.version,
            title=staged_file.title[:500], media_type=staged_file.media_type,
            sha256=staged_file.sha256, size=staged_file.size, added_at=now))
    receipt = documents.record_document(session, prepared, actor=actor)
    record.receipt_document_id = receipt.id
    outbox.enqueue(session, topics.INDEX_TOPIC, {"record_id": record.id},
                   dedup_key=f"{topics.INDEX_TOPIC}:transfer:{record.id}")
    audit.record_event(session, "archive.file_transferred", actor=actor,
                       object_type="archive_record", object_id=record.id,
                       unit_code=record.unit_code,
                       data={"file_number": record.file_number,
                             "package_sha256": record.package_sha256,
                             "bytes": record.package_bytes, "files": len(staged.files),
                             "receipt": receipt.id, "series": record.series_code})
    session.flush()
    return record


def transfer_file(number: str, *, actor: str, principal: Principal | None = None,
                  language: str = "es") -> TransferView:
    """Transfer the closed file ``number`` to the archive (``principal`` None: the
    system). Refused while open (409), twice (409), or for someone who may not."""
    snapshot = _read(number, principal, language)
    record_id = str(uuid.uuid4())
    at = utcnow().isoformat(timespec="seconds")
    staged = _stage(snapshot, record_id, actor=actor, at=at)
    folder = package_folder(snapshot.brief.number, record_id)
    final: Path = archive_runtime().root / folder
    try:
        prepared = _prepare_receipt(snapshot, staged, actor=actor, at=at, language=language)
        with reader() as db:  # transferred meanwhile: no need to install anything
            _refuse_twice(db, snapshot.brief.id)
        install_bag(staged, final)  # this attempt's own folder: nobody else's is touched
    except BaseException:
        discard(staged.folder)
        raise
    try:
        with unit_of_work() as db:
            record = _record(db, snapshot, staged, record_id, prepared=prepared, actor=actor,
                             folder=folder)
            done = TransferView(record.id, record.file_number, record.package_sha256,
                                record.receipt_document_id)
    except BaseException:
        discard(final, owner=record_id)  # this attempt's own bag, never another's
        raise
    _remove_leftovers(snapshot.brief.number)
    return done


def file_closed(delivery: outbox.Delivery) -> None:
    """Consumer of ``files.CLOSED_TOPIC``: transfer the file as the system when the
    settings say so; a file already transferred is done (delivery is at least once)."""
    settings = current_app.config["EOFFICE_SETTINGS"]
    if not settings.archive_transfer_on_closure:
        return
    try:
        transfer_file(delivery.payload["file_number"], actor=SYSTEM,
                      language=settings.default_locale)
    except AlreadyTransferred:
        return
