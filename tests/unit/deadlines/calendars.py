"""Calendars for the tests, taken from the `holidays` library (never hand-written)."""

from __future__ import annotations

from functools import cache

import holidays

from eoffice.deadlines import WorkingCalendar

YEARS = range(2024, 2036)


@cache
def valencian(years: tuple[int, ...] = tuple(YEARS)) -> WorkingCalendar:
    """The Valencian Community's national and regional holidays of ``years``."""
    days = holidays.country_holidays("ES", subdiv="VC", years=years)
    return WorkingCalendar(holidays=frozenset(days), years=frozenset(years))
