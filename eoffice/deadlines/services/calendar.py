"""Reading the city's calendar: the stored holidays of a year, the years known, and the
:class:`WorkingCalendar` every count of a term uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.deadlines.domain import (
    HolidayScope,
    HolidaySource,
    WorkingCalendar,
    effective_filing_date,
)
from eoffice.deadlines.errors import InvalidHoliday
from eoffice.deadlines.models import Holiday
from eoffice.deadlines.region import calendar_region
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import city_timezone

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class HolidayView:
    """A holiday as other contexts and the API see it."""

    day: date
    scope: HolidayScope
    region: str
    names: dict[str, str]
    source: HolidaySource
    added_by: str

    @classmethod
    def of(cls, row: Holiday) -> HolidayView:
        return cls(day=row.day, scope=HolidayScope(row.scope), region=row.region,
                   names=dict(row.names), source=HolidaySource(row.source),
                   added_by=row.added_by)


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        message = _("Give a year between %(first)s and %(last)s.", first=FIRST_YEAR,
                    last=LAST_YEAR)
        raise InvalidHoliday(message, errors=[FieldError("year", message,
                                                         "deadlines.year_out_of_range")])
    return year


def covered_years(session: Session, *, region: str | None = None) -> frozenset[int]:
    """Years whose library holidays are stored (every year has New Year's Day)."""
    days = session.scalars(select(Holiday.day).where(
        Holiday.region == (region or calendar_region()),
        Holiday.source == HolidaySource.LIBRARY))
    return frozenset(day.year for day in days)


def working_calendar(session: Session, *, region: str | None = None) -> WorkingCalendar:
    """The calendar terms are counted in: every stored holiday of the region, knowing
    only the years that were seeded (a count beyond them is refused, never guessed)."""
    region = region or calendar_region()
    rows = session.execute(select(Holiday.day, Holiday.source).where(Holiday.region == region))
    days: set[date] = set()
    years: set[int] = set()
    for day, source in rows:
        days.add(day)
        if source == HolidaySource.LIBRARY:
            years.add(day.year)
    return WorkingCalendar(holidays=frozenset(days), years=frozenset(years))


def list_holidays(session: Session, year: int, *, region: str | None = None
                  ) -> list[HolidayView]:
    """The holidays of ``year`` in date order."""
    check_year(year)
    query = select(Holiday).where(Holiday.region == (region or calendar_region()),
                                  Holiday.day.between(date(year, 1, 1), date(year, 12, 31)))
    return [HolidayView.of(row) for row in session.scalars(query.order_by(Holiday.day))]


def deemed_filing_day(session: Session, moment: datetime) -> date:
    """The city's day a filing at ``moment`` counts as made (art. 31.2.b: the next
    working day when made on a non-working one): the ``started_on`` of its terms."""
    return effective_filing_date(moment, working_calendar(session), city_timezone())
