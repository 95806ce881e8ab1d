"""Law 39/2015 art. 31.2.b as a property, on the city's calendar as the database holds it
(national and regional holidays seeded from the `holidays` library plus the local ones
an administrator entered): a filing at any instant of a weekend or holiday counts as
made at 00:00, on the official clock, of the next working day; on a working day it
counts when it was made (the electronic registry has no office hours, art. 31.2.a). The
term of resolution of the file it opens never starts on a non-working day, and runs as
if the filing had been made at that first hour."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from eoffice import deadlines, files
from eoffice.shared.clock import frozen_at
from tests.conftest import rolled_back
from tests.properties.strategies import (
    DATABASE_PROPERTY,
    MADRID,
    ONE_DAY,
    instants_of,
    undone,
)

TERMS = st.sampled_from([{"value": 10, "unit": "business_days"},
                         {"value": 30, "unit": "calendar_days"},
                         {"value": 3, "unit": "months"}])
ANA = {"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
       "role": "interested"}


def holidays_and_neighbours(db: Session, years: list[int]) -> set[date]:
    """Every stored holiday of ``years`` and the days either side of it."""
    days = {view.day for year in years for view in deadlines.list_holidays(db, year)}
    return {day + timedelta(days=n) for day in days for n in (-1, 0, 1)}


def known_years(db: Session) -> list[int]:
    """The years of the calendar a three-month term started in them can be counted in."""
    return sorted(deadlines.covered_years(db))[:-1]


def check_filing(db: Session, calendar: deadlines.WorkingCalendar, moment: datetime
                 ) -> None:
    local = moment.astimezone(MADRID)
    effective = deadlines.effective_filing_moment(moment, calendar, MADRID)
    deemed = deadlines.deemed_filing_day(db, moment)
    if calendar.is_working_day(local.date()):
        assert effective == moment and deemed == local.date()
        return
    first_hour = effective.astimezone(MADRID)
    assert first_hour.time() == time(0) and first_hour.date() == deemed
    assert deemed > local.date() and calendar.is_working_day(deemed)
    day = local.date()
    while day < deemed:  # every day skipped is a weekend day or a holiday
        assert not calendar.is_working_day(day)
        day += ONE_DAY


def test_a_filing_on_a_non_working_day_counts_from_the_first_hour_of_the_next_working_day(
        app: Flask) -> None:
    with app.app_context(), rolled_back(app) as db:
        years = known_years(db)
        calendar = deadlines.working_calendar(db)

        @DATABASE_PROPERTY
        @given(moment=instants_of(years, also=holidays_and_neighbours(db, years)))
        def example(moment: datetime) -> None:
            check_filing(db, calendar, moment)

        example()


def resolution_term_of_a_filing(db: Session, moment: datetime, term: dict[str, object]
                                ) -> deadlines.DeadlineView:
    """Open a file as a filing at ``moment`` does and start its term as the worker does."""
    with frozen_at(moment):
        opened = files.open_file(db, files.NewFile(
            unit_code="URB", subject="Terrace licence", parties=[ANA],
            procedure="general-application", case="standard", resolution_term=term,
            silence_effect="approval"), actor="ana")
        assert files.start_resolution_term(db, opened.id, term=term,
                                           silence_effect="approval", actor="worker")
    return deadlines.list_deadlines(db, "file", opened.id)[0]


def test_the_term_of_a_filing_never_starts_on_a_non_working_day(app: Flask) -> None:
    with app.app_context(), rolled_back(app) as db:
        years = known_years(db)
        calendar = deadlines.working_calendar(db)

        @DATABASE_PROPERTY
        @given(moment=instants_of(years, also=holidays_and_neighbours(db, years)),
               term=TERMS)
        def example(moment: datetime, term: dict[str, object]) -> None:
            with undone(db):
                counted = resolution_term_of_a_filing(db, moment, term)
                first_hour = deadlines.effective_filing_moment(moment, calendar, MADRID)
                same_as = resolution_term_of_a_filing(db, first_hour, term)
            assert calendar.is_working_day(counted.started_on)
            assert counted.started_on == deadlines.deemed_filing_day(db, moment)
            assert (counted.started_on, counted.due_on) == (same_as.started_on,
                                                            same_as.due_on)
            assert counted.due_on is not None and counted.due_on > counted.started_on

        example()
