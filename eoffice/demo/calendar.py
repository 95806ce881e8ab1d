"""The demo city's calendar: national and regional holidays of last year to three years
ahead from the `holidays` library, and the city's two local holidays in those years as an
administrator would enter them (Valencia's: Saint Vincent Martyr on 22 January and Saint
Vincent Ferrer on the Monday after Easter Monday). Idempotent."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter  # type: ignore[import-untyped]
from sqlalchemy.orm import Session

from eoffice import deadlines
from eoffice.shared.localtime import local_today

MARTYR = {"es": "San Vicente Mártir", "ca": "Sant Vicent Màrtir", "en": "Saint Vincent Martyr"}
FERRER = {"es": "San Vicente Ferrer", "ca": "Sant Vicent Ferrer", "en": "Saint Vincent Ferrer"}


def demo_years() -> range:
    this_year = local_today().year
    return range(this_year - 1, this_year + 4)


def _easter_monday(year: int) -> date:
    sunday: date = easter(year)
    return sunday + timedelta(days=1)


def _local_days(year: int) -> list[tuple[date, dict[str, str]]]:
    return [(date(year, 1, 22), MARTYR), (_easter_monday(year) + timedelta(days=7), FERRER)]


def load_demo_calendar(session: Session) -> str:
    """Seed the years and enter the local holidays not there yet; the summary counts
    what is stored, so loading twice prints the same."""
    years = demo_years()
    deadlines.seed_holidays(session, years, actor="demo")
    stored = local = 0
    for year in years:
        found = deadlines.list_holidays(session, year)
        days = {view.day for view in found}
        for day, names in _local_days(year):
            if day not in days:
                found.append(deadlines.add_local_holiday(session, day=day, names=names,
                                                         actor="demo"))
        stored += len(found)
        local += sum(view.scope is deadlines.HolidayScope.LOCAL for view in found)
    return f"calendar {years[0]}-{years[-1]}: {stored} holidays ({local} local)"
