"""The register's book for a period as a PDF/A sealed by the registry office (documents
context), with a verification code: number, city time, channel (and origin), parties,
subject, destination unit and state of every entry, in number order.

A book longer than ``MAX_BOOK_PDF_ENTRIES`` is refused before anything is rendered
(``registry.book_too_large``). Sealing asks the timestamp authority, so it runs between
the read and the short write transaction that records the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eoffice import documents, identity
from eoffice.identity import Principal
from eoffice.registry import domain
from eoffice.registry.errors import BookTooLarge
from eoffice.registry.models import Register, RegistryEntry
from eoffice.registry.services import access, books
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.localtime import city_timezone

TITLES = {"es": "Libro de registro", "ca": "Llibre de registre", "en": "Register book"}


@dataclass(frozen=True)
class BookPdf:
    """The sealed book: its document (id, verification code) and its bytes."""

    document: documents.IssuedDocument
    content: bytes
    filename: str


def _origin(entry: RegistryEntry) -> str:
    origin = entry.origin or {}
    if origin.get("kind") != "other_administration":
        return ""
    return f"{origin.get('administration_name', '')} ({origin.get('administration_code', '')})" \
           f" {origin.get('entry_number', '')}"


def book_data(rows: Sequence[tuple[RegistryEntry, str]], *, register: Register,
              start: date, end: date, language: str) -> dict[str, Any]:
    """What the book shows (and embeds as JSON)."""
    zone = city_timezone()
    return {
        "register": f"{register.names.get(language) or register.code} ({register.code})",
        "period": f"{start.isoformat()} \N{EN DASH} {end.isoformat()}",
        "count": len(rows),
        "entries": [{
            "number": entry.number,
            "registered_at": entry.registered_at.astimezone(zone).strftime(
                "%Y-%m-%d %H:%M:%S %Z"),
            "channel": entry.channel, "origin": _origin(entry),
            "parties": [{"name": p.get("name", ""), "id_number": p.get("id_number", ""),
                         "role": p.get("role", "interested")} for p in entry.parties],
            "subject": entry.subject, "destination_unit": entry.destination_unit,
            "state": entry.state,
        } for entry, _code in rows],
    }


def issue_book_pdf(principal: Principal, *, register: str, start: date, end: date,
                   language: str) -> BookPdf:
    """Seal and record the book of ``register`` for the period (its office's staff only:
    others get UnknownRegister, as for the CSV book)."""
    with reader() as db:
        found = access.get_office_register(db, register, principal)
        count = books.count_book(db, start=start, end=end, register=register)
        if count > domain.MAX_BOOK_PDF_ENTRIES:
            raise BookTooLarge(
                f"{count} entries; at most {domain.MAX_BOOK_PDF_ENTRIES} fit in a PDF book. "
                "Choose a shorter period, or download the CSV book.",
                entries=count, max_entries=domain.MAX_BOOK_PDF_ENTRIES)
        rows = books.list_book(db, start=start, end=end, register=register)
        data = book_data(rows, register=found, start=start, end=end, language=language)
        unit = identity.describe_unit(db, found.office_unit, locale=language)
        office = found.office_unit
    title = (f"{TITLES.get(language, TITLES['es'])} {register} "
             f"{start.isoformat()} \N{EN DASH} {end.isoformat()}")
    prepared = documents.prepare_document(
        doc_type=documents.DocumentType.REGISTRY_BOOK, title=title, data=data,
        language=language, unit_code=office, unit_name=unit.name,
        attachments_json={"registry_book.json": data})
    with unit_of_work() as db:
        issued = documents.record_document(db, prepared, actor=principal.login)
    return BookPdf(issued, prepared.produced.content,
                   f"{register}-{start.isoformat()}-{end.isoformat()}.pdf")
