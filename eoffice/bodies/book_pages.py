"""The back-office page of the book of resolutions (``/backoffice/bodies/resolutions``):
search by body, year, number, words of the title, file number and signing days, a page
at a time; each row links to its file and, when the reader may read it, to the signed
document. The secretary's office and the bodies' administrators also get the export of
a body's book for a period (CSV or sealed PDF)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from eoffice import documents, identity
from eoffice.bodies import book
from eoffice.bodies.api import export_period, may_export
from eoffice.bodies.book import BookQuery, BookRow
from eoffice.bodies.book_pdf import MAX_BOOK_PDF_ENTRIES
from eoffice.bodies.directory import list_body_views
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, current_language
from eoffice.shared.numbers import whole_number

bp = Blueprint("bodies_book", __name__, url_prefix="/backoffice/bodies")
PAGE_SIZE = 50
FIELDS = ("body", "year", "number", "q", "file_number", "from", "to")


@dataclass(frozen=True)
class ShownRow:
    row: BookRow
    document_readable: bool


def _int(name: str, low: int, high: int, errors: list[FieldError]) -> int | None:
    text = (request.args.get(name) or "").strip()
    if not text:
        return None
    number = whole_number(text)
    if number is not None and low <= number <= high:
        return number
    errors.append(FieldError(name, _("Give a whole number from %(low)s to %(high)s.",
                                     low=low, high=high), "invalid"))
    return None


def _day(name: str, errors: list[FieldError]) -> date | None:
    text = (request.args.get(name) or "").strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 2999:
        errors.append(FieldError(name, _("Give a date such as 2026-12-31."), "invalid"))
        return None
    return day


def _text(name: str, limit: int) -> str | None:
    return " ".join((request.args.get(name) or "").split())[:limit] or None


def _query(errors: list[FieldError]) -> BookQuery:
    query = BookQuery(
        body=_text("body", 50), year=_int("year", 1900, 2999, errors),
        number=_int("number", 1, 10**9, errors), text=_text("q", 200),
        file_number=_text("file_number", 50), signed_from=_day("from", errors),
        signed_to=_day("to", errors))
    if query.signed_from and query.signed_to and query.signed_to < query.signed_from:
        errors.append(FieldError("to", _("The period must end after it starts."), "reversed"))
    return query


def _readable(db: Session, principal: Principal, document_id: str) -> bool:
    try:
        return documents.may_read(db, principal, documents.get_document(db, document_id))
    except DomainError:
        return False


def _page_link(page: int) -> str:
    values = {name: request.args.get(name, "") for name in FIELDS if request.args.get(name)}
    return "?" + urlencode({**values, "page": page})


def _export(principal: Principal, query: BookQuery) -> dict[str, Any] | None:
    if not may_export(principal):
        return None
    start, end = export_period(query.signed_from, query.signed_to)
    return {"start": start, "end": end, "max_pdf": MAX_BOOK_PDF_ENTRIES}


@bp.get("/resolutions", endpoint="resolutions")
def resolutions() -> ResponseReturnValue:
    """The book of resolutions searched, newest first."""
    principal = identity.require_permission(Permission.USE_BACKOFFICE, somewhere=True)
    errors: list[FieldError] = []
    query = _query(errors)
    page = _int("page", 1, 10**6, []) or 1
    with reader() as db:
        bodies = list_body_views(db)
        rows, total = ([], 0) if errors else book.search_book(db, query, page=page,
                                                              page_size=PAGE_SIZE)
        shown = [ShownRow(row, _readable(db, principal, row.resolution.document_id))
                 for row in rows]
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "bodies/book.html", rows=shown, total=total, page=page, pages=pages,
        previous=_page_link(page - 1) if page > 1 else None,
        next=_page_link(page + 1) if page < pages else None, errors=errors,
        values={name: request.args.get(name, "") for name in FIELDS}, bodies=bodies,
        language=current_language(), export=_export(principal, query)), (
        422 if errors else 200)
