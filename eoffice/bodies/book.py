"""The book of resolutions: the numbered resolutions searched by body, year, number,
words of the title, file number and signing dates (a page, newest first), and a body's
book for a period in number order (as CSV for spreadsheets; sealed PDF/A in
:mod:`eoffice.bodies.book_pdf`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from eoffice.bodies.domain import ResolutionState
from eoffice.bodies.models import Body, Delegation, Resolution
from eoffice.shared.localtime import city_timezone
from eoffice.shared.spreadsheet import csv_text

BOOK_COLUMNS = ("body", "year", "number", "signed_at", "title", "file_number", "procedure",
                "signed_by", "acting_body", "delegation", "document_id")


@dataclass(frozen=True)
class BookQuery:
    """What to look for in the book (every part optional)."""

    body: str | None = None
    year: int | None = None
    number: int | None = None
    text: str | None = None
    file_number: str | None = None
    signed_from: date | None = None
    signed_to: date | None = None


@dataclass(frozen=True)
class BookRow:
    """One numbered resolution with the keys of its bodies and its delegation's decree."""

    resolution: Resolution
    body_key: str
    body_name: dict[str, str]
    acting_body_key: str
    delegation_reference: str | None

    @property
    def book_number(self) -> str:
        return f"{self.resolution.year}/{self.resolution.number}"


def utc_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """From the start of ``start`` to the end of ``end``, city days, as instants."""
    zone = city_timezone()
    low = datetime.combine(start, time.min, zone) if start else None
    high = datetime.combine(end + timedelta(days=1), time.min, zone) if end else None
    return low, high


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


BookSelect = Select[Resolution, str, dict[str, str], str, str]


def _filtered(query: BookQuery) -> BookSelect:
    acting = aliased(Body)
    stmt = (select(Resolution, Body.key, Body.name, acting.key, Delegation.reference)
            .join(Body, Body.id == Resolution.body_id)
            .join(acting, acting.id == Resolution.acting_body_id)
            .outerjoin(Delegation, Delegation.id == Resolution.delegation_id)
            .where(Resolution.state == ResolutionState.SIGNED))
    if query.body:
        stmt = stmt.where(Body.key == query.body)
    if query.year is not None:
        stmt = stmt.where(Resolution.year == query.year)
    if query.number is not None:
        stmt = stmt.where(Resolution.number == query.number)
    if query.text:
        pattern = f"%{_escaped(query.text.lower())}%"
        stmt = stmt.where(func.lower(Resolution.title).like(pattern, escape="\\"))
    if query.file_number:
        stmt = stmt.where(Resolution.file_number == query.file_number)
    low, high = utc_bounds(query.signed_from, query.signed_to)
    if low is not None:
        stmt = stmt.where(Resolution.signed_at >= low)
    if high is not None:
        stmt = stmt.where(Resolution.signed_at < high)
    return stmt


def _rows(session: Session, stmt: BookSelect) -> list[BookRow]:
    return [BookRow(row, key, dict(name), acting, reference)
            for row, key, name, acting, reference in session.execute(stmt)]


def search_book(session: Session, query: BookQuery, *, page: int = 1,
                page_size: int = 50) -> tuple[list[BookRow], int]:
    """One page of the matching resolutions, newest first, and how many match."""
    stmt = _filtered(query)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    ordered = stmt.order_by(Resolution.signed_at.desc(), Body.key, Resolution.number.desc())
    return _rows(session, ordered.offset((page - 1) * page_size).limit(page_size)), total


def count_book(session: Session, *, body: str, start: date, end: date) -> int:
    stmt = _filtered(BookQuery(body=body, signed_from=start, signed_to=end))
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def list_book(session: Session, *, body: str, start: date, end: date) -> list[BookRow]:
    """The book of ``body`` for the period (signing days, city time), in number order."""
    stmt = _filtered(BookQuery(body=body, signed_from=start, signed_to=end))
    return _rows(session, stmt.order_by(Resolution.year, Resolution.number))


def book_csv(rows: Sequence[BookRow]) -> str:
    """The book as CSV (formula-safe cells), times in the city's time zone."""
    zone = city_timezone()
    return csv_text(BOOK_COLUMNS, (
        {"body": row.body_key, "year": row.resolution.year, "number": row.resolution.number,
         "signed_at": row.resolution.signed_at.astimezone(zone).isoformat(timespec="seconds")
         if row.resolution.signed_at else "",
         "title": row.resolution.title, "file_number": row.resolution.file_number,
         "procedure": row.resolution.procedure_code, "signed_by": row.resolution.signed_by,
         "acting_body": row.acting_body_key, "delegation": row.delegation_reference,
         "document_id": row.resolution.document_id}
        for row in rows))
