"""Read models of archived files for the records pages and API: the list a user may see
(archivists all, staff their units' non-confidential files), newest transfer first, and
one record with its package files, receipt and (after destruction) its tombstone; and
the downloads the records pages and API share (the package as a ZIP, one payload file).

The destruction certificate names every file of its list, confidential ones included:
only archivists and the head of the list's unit see it (its reference is left out of
the detail for everyone else)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.archive.models import DisposalList, PackageFile, Record
from eoffice.archive.services.access import STAFF_LEVELS, get_record_for, is_archivist
from eoffice.archive.services.packages import package_dir, payload_file
from eoffice.archive.services.packages_zip import zip_stream
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader
from eoffice.shared.downloads import content_disposition


def _visible(principal: Principal) -> Any:
    statement = select(Record)
    if not is_archivist(principal):
        statement = statement.where(Record.confidentiality.in_(sorted(STAFF_LEVELS)))
        units = principal.units_with(Permission.VIEW_FILES)
        if units is not None:  # None: everywhere
            statement = statement.where(Record.unit_code.in_(sorted(units)))
    return statement


def list_records_for(session: Session, principal: Principal, *, page: int,
                     page_size: int) -> tuple[Sequence[Record], int]:
    """One page of the archived files ``principal`` may see, newest transfer first."""
    statement = _visible(principal)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(statement.order_by(Record.transferred_at.desc(), Record.id)
                           .limit(page_size).offset((page - 1) * page_size)).all()
    return rows, total


def record_summary(record: Record) -> dict[str, Any]:
    return {"record_id": record.id, "file_number": record.file_number,
            "subject": record.subject, "unit": record.unit_code,
            "procedure": record.procedure_code, "series": record.series_code,
            "status": record.status, "closed_at": record.closed_at,
            "transferred_at": record.transferred_at,
            "transferred_by": record.transferred_by,
            "package_sha256": record.package_sha256, "package_bytes": record.package_bytes}


def package_files(session: Session, record: Record) -> list[PackageFile]:
    return list(session.scalars(select(PackageFile).where(PackageFile.record_id == record.id)
                                .order_by(PackageFile.id)))


def _document(session: Session, document_id: str | None) -> dict[str, Any] | None:
    if not document_id:
        return None
    try:
        view = documents.get_document(session, document_id)
    except documents.UnknownDocument:
        return {"document_id": document_id, "verification_code": None}
    return {"document_id": view.id, "verification_code": view.verification_code,
            "title": view.title}


def may_see_certificate(principal: Principal, listed: DisposalList) -> bool:
    """Whether ``principal`` may read the destruction certificate of ``listed``: an
    archivist, or the head of the list's unit."""
    return is_archivist(principal) or principal.has_role("head", unit=listed.unit_code)


def _certificate(session: Session, record: Record,
                 principal: Principal) -> dict[str, Any] | None:
    if record.disposal_list_id is None:
        return None
    listed = session.get(DisposalList, record.disposal_list_id)
    if listed is None or not may_see_certificate(principal, listed):
        return None
    return _document(session, listed.certificate_document_id)


def record_detail(session: Session, record: Record, principal: Principal) -> dict[str, Any]:
    """Everything the record page and the API show of ``record`` to ``principal``."""
    return {
        **record_summary(record),
        "case": record.case_code, "parties": record.parties,
        "opened_at": record.opened_at, "resolution_date": record.resolution_date,
        "trigger_date": record.trigger_date, "retention_until": record.retention_until,
        "action": record.action, "confidentiality": record.confidentiality,
        "extra": record.extra, "destroyed_at": record.destroyed_at,
        "files": [{"path": f.path, "role": f.role, "title": f.title,
                   "media_type": f.media_type, "size": f.size, "sha256": f.sha256,
                   "document_id": f.document_id, "version": f.version,
                   "added_at": f.added_at, "destroyed_at": f.destroyed_at}
                  for f in package_files(session, record)],
        "receipt": _document(session, record.receipt_document_id),
        "index": _document(session, record.index_document_id),
        "destruction_certificate": _certificate(session, record, principal),
    }


def zip_name(number: str) -> str:
    """``URB/2026/000001`` as a file name: ``URB-2026-000001``."""
    return number.replace("/", "-")


def note_record_access(number: str, principal: Principal, *, action: str, what: str,
                       channel: str) -> None:
    """Write to the access log that ``principal`` read (``audit.READ``) or downloaded
    ``what`` (``record``, ``package``, a payload path, ``receipt``…) of the archived file
    ``number``: call before sending it."""
    audit.log_access(audit.Access(action, "archive_record", f"{number}:{what}", "file", number),
                     actor=principal.login, channel=channel)


def package_zip(number: str, principal: Principal, *, channel: str) -> Response:
    """The whole package (the BagIt bag) of ``number`` as a streamed ZIP download."""
    with reader() as db:
        record = get_record_for(db, number, principal)
        folder = package_dir(record)
        name = zip_name(record.file_number)
    note_record_access(record.file_number, principal, action=audit.DOWNLOAD, what="package",
                       channel=channel)
    response = Response(zip_stream(folder, prefix=name), mimetype="application/zip")
    response.headers["Content-Disposition"] = content_disposition(f"{name}.zip")
    return response


def payload_download(number: str, path: str, principal: Principal, *,
                     inline: bool, channel: str) -> Response:
    """One payload file of the package of ``number`` (shown in the browser when
    ``inline``, a download otherwise), tagged with its SHA-256."""
    with reader() as db:
        record = get_record_for(db, number, principal)
        row, target = payload_file(db, record, path)
    note_record_access(record.file_number, principal, action=audit.DOWNLOAD, what=path,
                       channel=channel)
    response = Response(target.read_bytes(), mimetype=row.media_type)
    response.headers["Content-Disposition"] = content_disposition(target.name, inline=inline)
    response.headers["ETag"] = f'"{row.sha256}"'
    return response
