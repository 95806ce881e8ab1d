"""A body's book of resolutions for a period as a PDF/A sealed by the office (documents
context) with a verification code: number, signing time, title, file and who signed (and
under which delegation) of every numbered resolution, in number order; the same rows
embedded as ``resolution_book.json``.

A book longer than ``MAX_BOOK_PDF_ENTRIES`` is refused before anything is rendered. The
same book asked again (same body, period, language, letterhead and rows) is the document
sealed the first time (audited ``bodies.book_sealed`` under the book's fingerprint), not a
new one; every export is audited ``bodies.book_exported``.
Sealing asks the timestamp authority, so it runs between the read and the short write
transaction that records the document."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from eoffice import audit, documents, identity
from eoffice.bodies.book import BookRow, count_book, list_book
from eoffice.bodies.directory import get_body
from eoffice.bodies.errors import BookTooLarge
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.localtime import city_timezone

MAX_BOOK_PDF_ENTRIES = 500
SEALED = "bodies.book_sealed"
EXPORTED = "bodies.book_exported"
BOOK_TYPE = documents.DocumentType.RESOLUTION_BOOK  # pdf_templates/resolution_book.html
WORDS: dict[str, dict[str, str]] = {
    "es": {"title": "Libro de resoluciones", "body": "Órgano", "period": "Periodo",
           "count": "Resoluciones", "number": "Número", "signed_at": "Fecha y hora",
           "file": "Expediente", "subject": "Asunto", "signed_by": "Firmado por", "none":
           "Sin resoluciones en este periodo.", "delegation": "por delegación"},
    "ca": {"title": "Llibre de resolucions", "body": "Òrgan", "period": "Període",
           "count": "Resolucions", "number": "Número", "signed_at": "Data i hora",
           "file": "Expedient", "subject": "Assumpte", "signed_by": "Signat per", "none":
           "Sense resolucions en aquest període.", "delegation": "per delegació"},
    "en": {"title": "Book of resolutions", "body": "Body", "period": "Period",
           "count": "Resolutions", "number": "Number", "signed_at": "Date and time",
           "file": "File", "subject": "Subject", "signed_by": "Signed by", "none":
           "No resolutions in this period.", "delegation": "by delegation"},
}


@dataclass(frozen=True)
class BookPdf:
    """The sealed book: its document (id, verification code) and its bytes."""

    document: documents.IssuedDocument
    content: bytes
    filename: str


def _signer(session: Session, login: str | None) -> str:
    if not login:
        return ""
    try:
        account = identity.get_account(session, login)
    except DomainError:
        return login
    return identity.describe_person(session, account.person_id).name


def book_data(session: Session, rows: Sequence[BookRow], *, body_name: str, start: date,
              end: date, language: str) -> dict[str, Any]:
    """What the book shows (and embeds as JSON)."""
    words, zone = WORDS.get(language, WORDS["es"]), city_timezone()
    period = f"{start.isoformat()} \N{EN DASH} {end.isoformat()}"
    return {
        "labels": {"number": words["number"], "signed_at": words["signed_at"],
                   "title": words["subject"], "file": words["file"],
                   "signed_by": words["signed_by"], "none": words["none"]},
        "fields": [(words["body"], body_name), (words["period"], period),
                   (words["count"], str(len(rows)))],
        "rows": [{
            "number": row.book_number,
            "signed_at": row.resolution.signed_at.astimezone(zone).strftime(
                "%Y-%m-%d %H:%M:%S %Z") if row.resolution.signed_at else "",
            "title": row.resolution.title, "file_number": row.resolution.file_number or "",
            "signed_by": _signer(session, row.resolution.signed_by),
            "delegation": f"{words['delegation']} ({row.delegation_reference})"
            if row.delegation_reference else "",
        } for row in rows],
    }


def issue_book_pdf(*, body: str, start: date, end: date, language: str,
                   actor: str) -> BookPdf:
    """Seal and record the book of ``body`` for the period (the caller authorises); the
    same book asked again is the document sealed before. Each export is audited
    (``bodies.book_exported``: who obtained which document)."""
    language = language if language in WORDS else "es"
    with reader() as db:
        found = get_body(db, body)
        count = count_book(db, body=body, start=start, end=end)
        if count > MAX_BOOK_PDF_ENTRIES:
            raise BookTooLarge(
                f"{count} resolutions; at most {MAX_BOOK_PDF_ENTRIES} fit in a PDF book. "
                "Choose a shorter period, or download the CSV book.",
                entries=count, max_entries=MAX_BOOK_PDF_ENTRIES)
        name = found.name.get(language) or found.name.get("es") or found.key
        data = book_data(db, list_book(db, body=body, start=start, end=end),
                         body_name=name, start=start, end=end, language=language)
        unit = identity.describe_unit(db, found.unit_code, locale=language)
        words = WORDS[language]
        title = f"{words['title']} \N{EM DASH} {name} {start.isoformat()} \N{EN DASH} " \
                f"{end.isoformat()}"
        filename = f"{body}-{start.isoformat()}-{end.isoformat()}.pdf"
        fingerprint = _fingerprint(body, start, end, language, title, unit.name, data)
        made = _sealed_before(db, fingerprint, filename)
    prepared = None
    if made is None:  # new, or the book changed: seal it (outside any transaction)
        prepared = documents.prepare_document(
            doc_type=BOOK_TYPE, title=title, data=data, language=language,
            unit_code=found.unit_code, unit_name=unit.name,
            attachments_json={"resolution_book.json": data})
    with unit_of_work() as db:
        if prepared is not None:
            issued = documents.record_document(db, prepared, actor=actor)
            audit.record_event(db, SEALED, actor=actor, object_type="resolution_book",
                               object_id=fingerprint, unit_code=found.unit_code,
                               data={"document": issued.id, "body": body,
                                     "start": start.isoformat(), "end": end.isoformat(),
                                     "language": language})
            made = BookPdf(issued, prepared.produced.content, filename)
        assert made is not None
        audit.record_event(db, EXPORTED, actor=actor, object_type="document",
                           object_id=made.document.id, unit_code=found.unit_code,
                           data={"body": body, "start": start.isoformat(),
                                 "end": end.isoformat(), "format": "pdf"})
    return made


def _fingerprint(*parts: object) -> str:
    """What identifies one book: the body, the period, the language, its title, the
    letterhead's unit and every row (two identical requests racing may still seal two)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sealed_before(session: Session, fingerprint: str, filename: str) -> BookPdf | None:
    """The book sealed earlier with the same rows, if its content is still kept."""
    events = audit.events_about(session, "resolution_book", [fingerprint], [SEALED], limit=1)
    if not events:
        return None
    try:
        document = documents.get_document(session, str(events[0].data["document"]))
        _version, chunks = documents.open_content(session, document.id)
        content = b"".join(chunks)
    except DomainError:  # destroyed under the retention schedule, or gone: seal it again
        return None
    issued = documents.IssuedDocument(
        id=document.id, identifier=document.identifier,
        verification_code=document.verification_code,
        sha256=document.sha256, size=len(content))
    return BookPdf(issued, content, filename)
