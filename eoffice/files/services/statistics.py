"""The statistics of administrative management: files by procedure and by responsible
unit, open and closed, the average days from opening to closure, and the open files with
a deadline past its end (from the deadlines context), for a year and a unit. Counted in
SQL with one GROUP BY over the indexed columns, never file by file; limited to the units
whoever asks may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, extract, func, select
from sqlalchemy.orm import Session

from eoffice import deadlines, identity
from eoffice.files.domain import FileStatus
from eoffice.files.models import AdministrativeFile
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader
from eoffice.shared.errors import Forbidden
from eoffice.shared.localtime import local_today

SUBJECT_KIND = "file"  # the subject kind of a file's deadlines (as processing starts them)
OFFICE_TERMS = ("resolution",)  # overdue: the office late on its own term (not the citizen)
File = AdministrativeFile


@dataclass(frozen=True)
class Tally:
    """The files of one procedure or unit (``key``; None: files without a procedure)."""

    key: str | None
    open: int
    closed: int
    overdue: int
    average_days_to_resolve: float | None

    @property
    def total(self) -> int:
        return self.open + self.closed


@dataclass(frozen=True)
class FileStatistics:
    year: int | None
    unit: str | None
    today: date
    totals: Tally
    by_procedure: tuple[Tally, ...]
    by_unit: tuple[Tally, ...]
    years: tuple[int, ...]


def statistics_units(principal: Principal) -> frozenset[str] | None:
    """The units whose files ``principal`` may count (None: all of them): where she
    processes files (sub-units included); everywhere for whoever manages the city's
    process models. Forbidden for anyone else."""
    if principal.can(Permission.MANAGE_PROCESSES):
        return None
    units = principal.units_with(Permission.PROCESS_FILES)
    if units is not None and not units:
        raise Forbidden()
    return units


def units_in_scope(session: Session, visible: frozenset[str] | None,
                   unit: str | None) -> frozenset[str] | None:
    """``unit`` and the units below it, among the ``visible`` ones (UnknownUnit when she
    may not see it); without ``unit``, the visible ones."""
    if unit is None:
        return visible
    if visible is not None and unit not in visible:
        raise identity.UnknownUnit()
    below = identity.units_below(session, unit)
    return below if visible is None else below & visible


def _days_to_resolve(session: Session) -> ColumnElement[Any]:
    """Days (with fractions) from opening to closure, in the database's own terms."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(File.closed_at) - func.julianday(File.opened_at)
    return extract("epoch", File.closed_at - File.opened_at) / 86400.0


def _filters(units: frozenset[str] | None, year: int | None) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if year is not None:
        found.append(File.year == year)
    if units is not None:
        found.append(File.responsible_unit.in_(sorted(units)))
    return found


@dataclass
class _Sums:
    open: int = 0
    closed: int = 0
    overdue: int = 0
    days: float = 0.0

    def add(self, row: Sequence[Any]) -> None:
        self.open += int(row[2] or 0)
        self.closed += int(row[3] or 0)
        self.overdue += int(row[4] or 0)
        self.days += float(row[5] or 0.0)

    def tally(self, key: str | None) -> Tally:
        average = round(self.days / self.closed, 1) if self.closed else None
        return Tally(key, self.open, self.closed, self.overdue, average)


def _tallies(rows: Iterable[Sequence[Any]], column: int) -> tuple[Tally, ...]:
    sums: dict[str | None, _Sums] = defaultdict(_Sums)
    for row in rows:
        sums[row[column]].add(row)
    return tuple(sorted((s.tally(key) for key, s in sums.items()),
                        key=lambda t: (-t.total, t.key or "")))


def file_statistics(session: Session, *, units: frozenset[str] | None, year: int | None,
                    today: date, unit: str | None = None) -> FileStatistics:
    """The numbers of the files of ``units`` (None: all) opened in ``year`` (None: any),
    overdue as of ``today``; ``unit`` is only echoed (the filter the caller chose)."""
    closed = File.state == FileStatus.CLOSED.value
    overdue = and_(File.state == FileStatus.OPEN.value,
                   File.id.in_(deadlines.overdue_subjects(
                       SUBJECT_KIND, today=today, kinds=OFFICE_TERMS)))
    rows = session.execute(
        select(File.procedure_code, File.responsible_unit,
               func.sum(case((closed, 0), else_=1)), func.sum(case((closed, 1), else_=0)),
               func.sum(case((overdue, 1), else_=0)),
               func.sum(case((and_(closed, File.closed_at.is_not(None)),
                              _days_to_resolve(session)), else_=0.0)))
        .where(*_filters(units, year))
        .group_by(File.procedure_code, File.responsible_unit)).all()
    everything = _Sums()
    for row in rows:
        everything.add(row)
    years = session.scalars(select(File.year).where(*_filters(units, None)).distinct()
                            .order_by(File.year.desc())).all()
    return FileStatistics(year=year, unit=unit, today=today, totals=everything.tally(None),
                          by_procedure=_tallies(rows, 0), by_unit=_tallies(rows, 1),
                          years=tuple(years))


def statistics_for(principal: Principal, *, year: int | None,
                   unit: str | None) -> FileStatistics:
    """The statistics ``principal`` may see (403 for staff who process no files)."""
    visible = statistics_units(principal)
    with reader() as db:
        scope = units_in_scope(db, visible, unit)
        return file_statistics(db, units=scope, year=year, today=local_today(), unit=unit)
