"""When a notification is deemed rejected (ADR 0049): at 00:00 on the city's clock after
the tenth calendar day that follows the day it was made available, even across a change
of summer time; what its addressee reads as the days left and the last day. The property
over every instant of a year is in tests/properties/test_notification_expiry.py."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from eoffice.notifications.domain import days_left, expiry_of, last_day_to_access

MADRID = ZoneInfo("Europe/Madrid")


def test_made_available_at_noon_it_can_be_accessed_until_the_end_of_the_tenth_day() -> None:
    available = datetime(2026, 12, 3, 11, 0, tzinfo=UTC)  # 12:00 in Valencia (CET)
    expires = expiry_of(available, 10, MADRID)
    assert expires == datetime(2026, 12, 13, 23, 0, tzinfo=UTC)  # 14 Dec, 00:00 CET
    assert last_day_to_access(expires, MADRID) == date(2026, 12, 13)


def test_across_the_end_of_summer_time_it_ends_at_local_midnight_an_hour_later_in_utc(
) -> None:
    available = datetime(2026, 10, 20, 10, 0, tzinfo=UTC)  # 12:00 in Valencia (CEST)
    expires = expiry_of(available, 10, MADRID)
    assert expires.astimezone(MADRID).replace(tzinfo=None) == datetime(2026, 10, 31, 0, 0)
    assert expires == datetime(2026, 10, 30, 23, 0, tzinfo=UTC)  # CET, UTC+1


def test_a_notification_made_available_late_on_31_december_utc_counts_from_1_january(
) -> None:
    available = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January in Valencia
    assert last_day_to_access(expiry_of(available, 10, MADRID), MADRID) == date(2027, 1, 11)


def test_the_days_left_count_today_and_reach_1_on_the_last_day() -> None:
    available = datetime(2026, 3, 25, 8, 0, tzinfo=UTC)
    expires = expiry_of(available, 10, MADRID)  # 5 April 00:00 CEST, after the change
    assert days_left(expires, available, "available", MADRID) == 11
    last_day_late = datetime(2026, 4, 4, 21, 59, 59, tzinfo=UTC)  # 23:59:59 CEST
    assert days_left(expires, last_day_late, "available", MADRID) == 1
    assert days_left(expires, expires, "available", MADRID) == 0
    assert days_left(expires, available, "accessed", MADRID) is None
