"""The counting rules of Law 39/2015 (arts. 30-32) on examples a clerk would check by
hand, in the Valencian Community's calendar of the `holidays` library."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from eoffice.deadlines import (
    InvalidTerm,
    OutsideCalendar,
    Pause,
    Suspended,
    Term,
    TermUnit,
    WorkingCalendar,
    days_left,
    effective_filing_date,
    effective_filing_moment,
    term_end,
)
from eoffice.deadlines.domain import check_extension
from tests.unit.deadlines.calendars import valencian

MADRID = ZoneInfo("Europe/Madrid")
WEEKENDS_ONLY = WorkingCalendar()


def business(n: int) -> Term:
    return Term(n, TermUnit.BUSINESS_DAYS)


def test_the_library_calendar_knows_saint_joseph_in_valencia() -> None:
    assert not valencian().is_working_day(date(2026, 3, 19))
    assert valencian().is_working_day(date(2026, 3, 18))


def test_ten_business_days_count_from_the_next_day_and_skip_a_holiday() -> None:
    # Notified Thursday 12 March 2026; 19 March (Saint Joseph) is a regional holiday.
    assert term_end(date(2026, 3, 12), business(10), WEEKENDS_ONLY) == date(2026, 3, 26)
    assert term_end(date(2026, 3, 12), business(10), valencian()) == date(2026, 3, 27)


def test_a_notification_on_friday_starts_counting_on_monday() -> None:
    assert term_end(date(2026, 3, 6), business(1), valencian()) == date(2026, 3, 9)


def test_ten_business_days_across_the_year_turn_skip_christmas_new_year_and_epiphany() -> None:
    assert term_end(date(2026, 12, 22), business(10), valencian()) == date(2027, 1, 8)


def test_a_calendar_day_term_ending_on_a_holiday_ends_the_next_working_day() -> None:
    term = Term(10, TermUnit.CALENDAR_DAYS)
    assert term_end(date(2026, 3, 9), term, valencian()) == date(2026, 3, 20)
    assert term_end(date(2026, 3, 2), term, valencian()) == date(2026, 3, 12)


def test_a_one_month_term_from_31_january_ends_on_the_last_day_of_february() -> None:
    month = Term(1, TermUnit.MONTHS)
    assert term_end(date(2028, 1, 31), month, valencian()) == date(2028, 2, 29)
    # 28 February 2026 is a Saturday: the term ends on Monday 2 March.
    assert term_end(date(2026, 1, 31), month, valencian()) == date(2026, 3, 2)


def test_a_month_term_ends_on_the_same_day_number_of_the_ending_month() -> None:
    assert term_end(date(2026, 4, 15), Term(3, TermUnit.MONTHS), valencian()) == date(
        2026, 7, 15)
    assert term_end(date(2026, 6, 15), Term(1, TermUnit.YEARS), valencian()) == date(
        2027, 6, 15)


def test_a_suspension_keeps_the_days_left_for_when_the_term_resumes() -> None:
    # Requirement pending from Monday 16 to Wednesday 18 March: three business days.
    pause = Pause(date(2026, 3, 16), date(2026, 3, 18))
    assert term_end(date(2026, 3, 12), business(10), valencian(), [pause]) == date(2026, 4, 1)


def test_a_suspended_term_has_no_end_until_it_resumes() -> None:
    with pytest.raises(Suspended):
        term_end(date(2026, 3, 12), business(10), valencian(), [Pause(date(2026, 3, 16))])


def test_a_suspension_of_a_month_term_adds_the_days_suspended() -> None:
    pause = Pause(date(2026, 5, 4), date(2026, 5, 13))  # ten days
    assert term_end(date(2026, 4, 15), Term(3, TermUnit.MONTHS), valencian(), [pause]) == \
        date(2026, 7, 27)  # 25 July is a Saturday


def test_days_left_are_working_days_for_business_day_terms() -> None:
    due = date(2026, 3, 27)
    assert days_left(date(2026, 3, 18), due, TermUnit.BUSINESS_DAYS, valencian()) == 6
    assert days_left(due, due, TermUnit.BUSINESS_DAYS, valencian()) == 0
    assert days_left(date(2026, 3, 30), due, TermUnit.BUSINESS_DAYS, valencian()) == -3
    assert days_left(date(2026, 3, 18), due, TermUnit.CALENDAR_DAYS, valencian()) == 9


def test_an_extension_may_not_exceed_half_the_term() -> None:
    assert check_extension(business(10), [], 5) == 5
    assert check_extension(business(15), [3], 4) == 7
    with pytest.raises(InvalidTerm):
        check_extension(business(15), [3], 5)
    with pytest.raises(InvalidTerm):
        check_extension(business(1), [], 1)


def test_a_filing_on_saturday_is_deemed_made_at_the_first_hour_of_monday() -> None:
    saturday = datetime(2026, 3, 14, 10, 30, tzinfo=MADRID)
    deemed = effective_filing_moment(saturday, valencian(), MADRID)
    assert deemed == datetime(2026, 3, 16, 0, 0, tzinfo=MADRID)
    assert effective_filing_date(saturday, valencian(), MADRID) == date(2026, 3, 16)


def test_a_filing_on_a_holiday_late_at_night_in_utc_counts_in_the_city_time_zone() -> None:
    # 23:30 UTC on Wednesday 18 March is 00:30 on Thursday 19 March (holiday) in Valencia.
    moment = datetime(2026, 3, 18, 23, 30, tzinfo=UTC)
    assert effective_filing_moment(moment, valencian(), MADRID) == datetime(
        2026, 3, 20, 0, 0, tzinfo=MADRID)


def test_a_filing_on_a_working_day_keeps_its_time() -> None:
    moment = datetime(2026, 3, 18, 9, 15, tzinfo=UTC)
    assert effective_filing_moment(moment, valencian(), MADRID) == moment


def test_terms_that_the_law_cannot_count_are_refused() -> None:
    for value in ({"value": 0, "unit": "business_days"}, {"value": 3, "unit": "weeks"},
                  {"value": "3", "unit": "months"}, {"unit": "months"}):
        with pytest.raises(InvalidTerm):
            Term.parse(value)
    assert Term.parse({"value": 3, "unit": "months"}) == Term(3, TermUnit.MONTHS)


def test_a_count_past_the_years_the_calendar_knows_is_refused() -> None:
    with pytest.raises(OutsideCalendar) as raised:
        term_end(date(2035, 12, 20), business(10), valencian())
    assert raised.value.year == 2036
