"""Hypothesis strategies of the legal clock: instants (UTC, as the code stores them) of
any day of a year, with a bias towards the days where a wrong count shows: the changes
to and from summer time in the official time zone, the days ten and eleven days before
them, the last days of December, holidays, weekends and the hours around local midnight
(where the city's day and the UTC day differ)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

#: The official time zone of the demo city (the ``timezone`` setting's default).
MADRID = ZoneInfo("Europe/Madrid")
ONE_DAY = timedelta(days=1)
#: The examples of a property that writes to the database: derandomised (the same
#: examples in every run, on both databases, so CI never turns red by chance) and
#: without hypothesis' example database (nothing written to the checkout).
DATABASE_PROPERTY = settings(max_examples=60, deadline=None, derandomize=True,
                             database=None,
                             suppress_health_check=[HealthCheck.too_slow])


def local_midnight(day: date, zone: ZoneInfo = MADRID) -> datetime:
    """The first instant of ``day`` on ``zone``'s clock, in UTC."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def clock_changes(year: int, zone: ZoneInfo = MADRID) -> list[date]:
    """The local days of ``year`` on which ``zone`` changes its offset (summer time)."""
    found = []
    day = date(year, 1, 1)
    while day.year == year:
        if local_midnight(day + ONE_DAY, zone) - local_midnight(day, zone) != ONE_DAY:
            found.append(day)
        day += ONE_DAY
    return found


def telling_days(year: int, zone: ZoneInfo = MADRID) -> list[date]:
    """Days of ``year`` where an expiry or a filing computed in UTC, or in hours, would
    go wrong: the clock changes and the days 9-11 before them (a notification made
    available then ends on them), and the last eleven days of December."""
    days: set[date] = set()
    for change in clock_changes(year, zone):
        days.update(change - timedelta(days=n) for n in (0, 9, 10, 11))
        days.add(change + ONE_DAY)
    days.update(date(year, 12, 31) - timedelta(days=n) for n in range(11))
    return sorted(days)


def instants_on(days: Collection[date], zone: ZoneInfo = MADRID) -> st.SearchStrategy[datetime]:
    """Any instant (whole seconds, UTC) of one of ``days`` on ``zone``'s clock, with
    extra weight on the first and last hour of the day."""

    def within(day: date) -> st.SearchStrategy[datetime]:
        start, end = local_midnight(day, zone), local_midnight(day + ONE_DAY, zone)
        seconds = int((end - start).total_seconds())
        edge = st.one_of(st.integers(0, 3599), st.integers(seconds - 3600, seconds - 1))
        return st.one_of(st.integers(0, seconds - 1), edge).map(
            lambda offset: start + timedelta(seconds=offset))

    return st.sampled_from(sorted(days)).flatmap(within)


def instants_of(years: Collection[int], zone: ZoneInfo = MADRID,
                also: Collection[date] = ()) -> st.SearchStrategy[datetime]:
    """Any instant of ``years`` on ``zone``'s calendar, half of them on the telling days
    (and on the days of ``also`` within those years)."""
    start = local_midnight(date(min(years), 1, 1), zone).replace(tzinfo=None)
    end = local_midnight(date(max(years) + 1, 1, 1), zone).replace(tzinfo=None)
    anywhere = st.datetimes(min_value=start, max_value=end - timedelta(seconds=1),
                            timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=0))
    telling = {day for year in years for day in telling_days(year, zone)}
    telling |= {day for day in also if day.year in years}
    return st.one_of(anywhere, instants_on(telling, zone))


@contextmanager
def undone(session: Session) -> Iterator[None]:
    """Run one example inside a savepoint that is rolled back: the examples of a
    property share the test's transaction and never see each other's writes."""
    savepoint = session.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()
