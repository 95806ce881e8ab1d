"""When a notification is deemed rejected: ten calendar days after it was made available,
at the same time on the city's clock, even across the change from summer time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from eoffice.notifications.domain import expiry_of

MADRID = ZoneInfo("Europe/Madrid")


def test_ten_days_later_at_the_same_local_time_across_the_end_of_summer_time() -> None:
    available = datetime(2026, 10, 20, 10, 0, tzinfo=UTC)  # 12:00 in Valencia (CEST)
    expires = expiry_of(available, 10, MADRID)
    assert expires.astimezone(MADRID).replace(tzinfo=None) == datetime(2026, 10, 30, 12, 0)
    assert expires == datetime(2026, 10, 30, 11, 0, tzinfo=UTC)  # CET: an hour later in UTC


def test_without_a_change_of_time_it_is_ten_times_twenty_four_hours() -> None:
    available = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    assert expiry_of(available, 10, MADRID) == datetime(2026, 12, 13, 9, 30, tzinfo=UTC)
