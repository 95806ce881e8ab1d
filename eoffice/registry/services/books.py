"""The registry's books and reports: the entries of a period in number order (as CSV
for spreadsheets) and counts by office, channel, procedure and day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.registry.models import Register, RegistryEntry
from eoffice.shared.localtime import city_timezone, local_date
from eoffice.shared.spreadsheet import csv_text

BOOK_COLUMNS = ("number", "registered_at", "register", "channel", "subject", "procedure",
                "case", "destination_unit", "interested", "representative", "documents",
                "state")


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of ``start`` to the end of ``end``, city time, as UTC instants."""
    zone = city_timezone()
    return (datetime.combine(start, time.min, zone),
            datetime.combine(end + timedelta(days=1), time.min, zone))


def list_book(session: Session, *, start: date, end: date,
              register: str | None = None) -> Sequence[tuple[RegistryEntry, str]]:
    """Entries registered from ``start`` to ``end`` (city days, both included) with their
    register's code, in register and number order."""
    low, high = utc_bounds(start, end)
    query = (select(RegistryEntry, Register.code)
             .join(Register, Register.id == RegistryEntry.register_id)
             .where(RegistryEntry.registered_at >= low, RegistryEntry.registered_at < high))
    if register:
        query = query.where(Register.code == register)
    rows = session.execute(query.order_by(Register.code, RegistryEntry.year,
                                          RegistryEntry.sequence)).all()
    return [(entry, code) for entry, code in rows]


def count_book(session: Session, *, start: date, end: date, register: str) -> int:
    """How many entries the book of ``register`` has from ``start`` to ``end``."""
    low, high = utc_bounds(start, end)
    return session.scalar(
        select(func.count()).select_from(RegistryEntry)
        .join(Register, Register.id == RegistryEntry.register_id)
        .where(Register.code == register, RegistryEntry.registered_at >= low,
               RegistryEntry.registered_at < high)) or 0


def _names(entry: RegistryEntry, role: str) -> str:
    return "; ".join(f"{p['name']} ({p['id_number']})" for p in entry.parties
                     if p.get("role") == role)


def book_csv(rows: Sequence[tuple[RegistryEntry, str]]) -> str:
    """The book as CSV, times in the city's time zone."""
    zone = city_timezone()
    return csv_text(BOOK_COLUMNS, (
        {"number": entry.number, "register": code, "channel": entry.channel,
         "registered_at": entry.registered_at.astimezone(zone).isoformat(timespec="seconds"),
         "subject": entry.subject, "procedure": entry.procedure_code, "case": entry.case_code,
         "destination_unit": entry.destination_unit,
         "interested": _names(entry, "interested"),
         "representative": _names(entry, "representative"),
         "documents": len(entry.documents), "state": entry.state}
        for entry, code in rows))


@dataclass(frozen=True)
class Statistics:
    """How many entries a period had, by register, channel, procedure and city day."""

    total: int
    by_register: dict[str, int]
    by_channel: dict[str, int]
    by_procedure: dict[str, int]
    by_day: dict[str, int]


def statistics(rows: Sequence[tuple[RegistryEntry, str]]) -> Statistics:
    return Statistics(
        total=len(rows),
        by_register=dict(Counter(code for _entry, code in rows)),
        by_channel=dict(Counter(entry.channel for entry, _code in rows)),
        by_procedure=dict(Counter(entry.procedure_code or "" for entry, _code in rows)),
        by_day=dict(sorted(Counter(local_date(entry.registered_at).isoformat()
                                   for entry, _code in rows).items())),
    )
