"""Properties of the legal clock that must hold for every day of the years the calendar
knows (hypothesis): where a term ends, how it grows, suspensions, filings, year turns."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from eoffice.deadlines import (
    Pause,
    Term,
    TermUnit,
    WorkingCalendar,
    effective_filing_moment,
    term_end,
)
from tests.unit.deadlines.calendars import valencian

MADRID = ZoneInfo("Europe/Madrid")
STARTS = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
UNITS = st.sampled_from(list(TermUnit))


def value_for(unit: TermUnit) -> st.SearchStrategy[int]:
    return st.integers(1, {TermUnit.MONTHS: 12, TermUnit.YEARS: 1}.get(unit, 60))


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    """The library's Valencian calendar plus some local holidays an administrator adds."""
    extra = draw(st.frozensets(STARTS, max_size=20))
    base = valencian()
    return WorkingCalendar(holidays=base.holidays | extra, years=base.years)


@given(start=STARTS, n=st.integers(1, 60), calendar=calendars())
def test_a_business_day_term_never_ends_on_a_weekend_or_holiday(
        start: date, n: int, calendar: WorkingCalendar) -> None:
    end = term_end(start, Term(n, TermUnit.BUSINESS_DAYS), calendar)
    assert end.weekday() < 5
    assert end not in calendar.holidays
    assert calendar.working_days_between(start, end) == n


@given(start=STARTS, unit=UNITS, data=st.data(), calendar=calendars())
def test_a_longer_term_never_ends_earlier(start: date, unit: TermUnit, data: st.DataObject,
                                         calendar: WorkingCalendar) -> None:
    n = data.draw(value_for(unit))
    shorter = term_end(start, Term(n, unit), calendar)
    longer = term_end(start, Term(n + data.draw(st.integers(1, 5)), unit), calendar)
    assert longer >= shorter
    if unit is TermUnit.BUSINESS_DAYS:
        assert longer > shorter


@given(start=STARTS, unit=UNITS, data=st.data())
def test_any_term_ends_on_a_working_day(start: date, unit: TermUnit,
                                        data: st.DataObject) -> None:
    end = term_end(start, Term(data.draw(value_for(unit)), unit), valencian())
    assert valencian().is_working_day(end)
    assert end > start


@given(start=STARTS, n=st.integers(1, 40), offset=st.integers(1, 40), k=st.integers(1, 30))
def test_suspending_for_k_working_days_moves_a_business_day_end_by_at_least_k_days(
        start: date, n: int, offset: int, k: int) -> None:
    calendar = valencian()
    term = Term(n, TermUnit.BUSINESS_DAYS)
    before = term_end(start, term, calendar)
    first = min(start + timedelta(days=offset), before)
    pause = Pause(first, first + timedelta(days=k - 1))
    lost = calendar.working_days_between(first - timedelta(days=1), pause.last or first)
    after = term_end(start, term, calendar, [pause])
    assert after >= before
    assert (after - before).days >= lost
    assert calendar.working_days_between(before, after) >= lost
    assert after > (pause.last or first)


@given(start=STARTS, n=st.integers(1, 60), offset=st.integers(1, 60), k=st.integers(1, 30))
def test_suspending_k_days_moves_a_calendar_day_term_by_at_least_k_days(
        start: date, n: int, offset: int, k: int) -> None:
    calendar = valencian()
    term = Term(n, TermUnit.CALENDAR_DAYS)
    before = term_end(start, term, calendar)
    first = min(start + timedelta(days=offset), start + timedelta(days=n))
    after = term_end(start, term, calendar, [Pause(first, first + timedelta(days=k - 1))])
    assert after >= before
    assert after >= start + timedelta(days=n + k)


@given(start=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))
def test_ten_calendar_days_end_exactly_ten_days_later_unless_that_day_is_non_working(
        start: date) -> None:
    calendar = valencian()
    tenth = start + timedelta(days=10)
    end = term_end(start, Term(10, TermUnit.CALENDAR_DAYS), calendar)
    if calendar.is_working_day(tenth):
        assert end == tenth
    else:
        assert end == calendar.next_working_day(tenth)
        assert all(not calendar.is_working_day(tenth + timedelta(days=d))
                   for d in range((end - tenth).days))


@given(start=st.dates(min_value=date(2025, 12, 1), max_value=date(2025, 12, 31))
       | st.dates(min_value=date(2026, 12, 1), max_value=date(2026, 12, 31)),
       n=st.integers(1, 30))
def test_business_days_across_the_year_turn_skip_the_new_years_holidays(
        start: date, n: int) -> None:
    calendar = valencian()
    end = term_end(start, Term(n, TermUnit.BUSINESS_DAYS), calendar)
    new_year = date(start.year + 1, 1, 1)
    assert end != new_year
    if end > new_year:
        assert calendar.working_days_between(start, new_year) + \
            calendar.working_days_between(new_year, end) == n


@given(moment=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31),
                           timezones=st.just(UTC)))
def test_a_filing_on_a_non_working_day_counts_from_the_first_hour_of_the_next_working_day(
        moment: datetime) -> None:
    calendar = valencian()
    deemed = effective_filing_moment(moment, calendar, MADRID)
    local_day = moment.astimezone(MADRID).date()
    assert deemed >= moment
    if calendar.is_working_day(local_day):
        assert deemed == moment
    else:
        local = deemed.astimezone(MADRID)
        assert local.time() == time(0)
        assert local.date() == calendar.next_working_day(local_day)
