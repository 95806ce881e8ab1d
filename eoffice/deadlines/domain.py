"""Pure rules of legal terms under Spain's Law 39/2015, arts. 30-32: counting business
days, calendar days, months and years over a calendar of non-working days, filings made
on non-working days, extensions and suspensions. No session, no Flask, no I/O."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]

ONE_DAY = timedelta(days=1)
SATURDAY = 5


class TermUnit(enum.StrEnum):
    """How a term is expressed (the catalogue's `resolution_term.unit`, plus years)."""

    BUSINESS_DAYS = "business_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    YEARS = "years"


DAY_UNITS = frozenset({TermUnit.BUSINESS_DAYS, TermUnit.CALENDAR_DAYS})


class InvalidTerm(ValueError):
    """A term that the law cannot count: no value, a non-positive value, unknown unit."""


class OutsideCalendar(ValueError):
    """The count reaches a year whose holidays the calendar does not know."""

    def __init__(self, year: int) -> None:
        super().__init__(f"the calendar has no holidays for {year}")
        self.year = year


@dataclass(frozen=True)
class Term:
    """A legal term: ``10 business_days``, ``3 months``..."""

    value: int
    unit: TermUnit

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int) or self.value < 1:
            raise InvalidTerm("a term is a whole number of at least 1")
        if self.unit not in set(TermUnit):
            raise InvalidTerm(f"unknown term unit {self.unit!r}")

    @classmethod
    def parse(cls, value: Mapping[str, Any]) -> Term:
        """A term from the catalogue's ``{"value", "unit"}``."""
        try:
            return cls(value["value"], TermUnit(value["unit"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidTerm(f"not a term: {dict(value)!r}") from exc

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": str(self.unit)}

    @property
    def max_extension(self) -> int:
        """Art. 32.1: an extension may not exceed half of the term (in its unit)."""
        return self.value // 2

    def extended(self, by: int) -> Term:
        return Term(self.value + by, self.unit)


@dataclass(frozen=True)
class WorkingCalendar:
    """Non-working days besides Saturdays and Sundays (art. 30.2). ``years``: the years
    whose holidays are known (None: every year, for pure tests)."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    years: frozenset[int] | None = None

    def check_year(self, day: date) -> None:
        if self.years is not None and day.year not in self.years:
            raise OutsideCalendar(day.year)

    def is_working_day(self, day: date) -> bool:
        self.check_year(day)
        return day.weekday() < SATURDAY and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def working_days_between(self, after: date, until: date) -> int:
        """Working days in ``(after, until]``."""
        count, day = 0, after + ONE_DAY
        while day <= until:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count


@dataclass(frozen=True)
class Pause:
    """A suspension of a term: the days ``first`` to ``last`` (both included) do not
    count; ``last`` is None while it lasts. Counting resumes the day after ``last``."""

    first: date
    last: date | None = None

    def covers(self, day: date) -> bool:
        return self.first <= day and (self.last is None or day <= self.last)


class Suspended(ValueError):
    """The term is suspended: it has no end until it resumes."""


def _paused(day: date, pauses: Sequence[Pause]) -> bool:
    return any(pause.covers(day) for pause in pauses)


def _open_pause(pauses: Sequence[Pause]) -> None:
    if any(pause.last is None for pause in pauses):
        raise Suspended("the term is suspended")


def _count_days(start: date, term: Term, calendar: WorkingCalendar,
                pauses: Sequence[Pause]) -> date:
    """Art. 30.2-30.3: from the day after ``start``, each counting day not paused."""
    business = term.unit is TermUnit.BUSINESS_DAYS
    left, day = term.value, start
    while left:
        day += ONE_DAY
        if _paused(day, pauses):
            continue
        if business and not calendar.is_working_day(day):
            continue
        left -= 1
    return day


def _count_months(start: date, term: Term, pauses: Sequence[Pause]) -> date:
    """Art. 30.4: the same day number of the ending month (its last day when there is
    none), plus every paused day between."""
    months = term.value * (12 if term.unit is TermUnit.YEARS else 1)
    plain: date = start + relativedelta(months=months)
    end = plain
    while True:
        paused = sum(1 for offset in range(1, (end - start).days + 1)
                     if _paused(start + timedelta(days=offset), pauses))
        moved = plain + timedelta(days=paused)
        if moved == end:
            return end
        end = moved


def term_end(start: date, term: Term, calendar: WorkingCalendar,
             pauses: Sequence[Pause] = ()) -> date:
    """The last day of ``term`` notified or published on ``start`` (art. 30): a term
    ending on a non-working day ends on the next working day (art. 30.5). Raises
    :class:`Suspended` while a pause is open, :class:`OutsideCalendar` past known years."""
    _open_pause(pauses)
    if term.unit in DAY_UNITS:
        end = _count_days(start, term, calendar, pauses)
    else:
        end = _count_months(start, term, pauses)
    while not calendar.is_working_day(end) or _paused(end, pauses):
        end += ONE_DAY
    return end


def days_left(today: date, due: date, unit: TermUnit, calendar: WorkingCalendar) -> int:
    """What a clerk reads: working days left for business-day terms, calendar days
    otherwise; 0 on the last day, negative once past (calendar days overdue)."""
    if due < today:
        return -(today - due).days
    if unit is TermUnit.BUSINESS_DAYS:
        return calendar.working_days_between(today, due)
    return (due - today).days


def days_left_when_suspended(first: date, due: date, unit: TermUnit,
                             calendar: WorkingCalendar) -> int:
    """The days a suspension starting on ``first`` keeps for when the term resumes."""
    return days_left(first - ONE_DAY, due, unit, calendar)


def check_extension(term: Term, extensions: Iterable[int], by: int) -> int:
    """Art. 32.1: every extension together at most half the original term; returns the
    new total extension or raises :class:`InvalidTerm`."""
    total = sum(extensions) + by
    if by < 1 or total > term.max_extension:
        raise InvalidTerm(f"an extension may add at most {term.max_extension} "
                          f"{term.unit} to this term in all")
    return total


def effective_filing_moment(moment: datetime, calendar: WorkingCalendar,
                            zone: ZoneInfo) -> datetime:
    """Art. 31.2.b: a filing on a non-working day is deemed made at the first hour of
    the next working day (in the official time zone); otherwise it is when it was."""
    local = moment.astimezone(zone)
    if calendar.is_working_day(local.date()):
        return moment
    first_hour = datetime.combine(calendar.next_working_day(local.date()), time(0), zone)
    return first_hour


def effective_filing_date(moment: datetime, calendar: WorkingCalendar, zone: ZoneInfo) -> date:
    """The local day a filing counts from (the day terms start, counted from the next)."""
    return effective_filing_moment(moment, calendar, zone).astimezone(zone).date()


class HolidayScope(enum.StrEnum):
    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL = "local"


class HolidaySource(enum.StrEnum):
    LIBRARY = "library"  # seeded from the `holidays` library
    ADMIN = "admin"  # entered by an administrator


class DeadlineState(enum.StrEnum):
    RUNNING = "running"
    SUSPENDED = "suspended"
    MET = "met"
    EXPIRED = "expired"


OPEN_STATES = frozenset({DeadlineState.RUNNING, DeadlineState.SUSPENDED})
