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
    report = deadlines.seed_holidays(session, demo_years(), actor="demo")
    added = 0
    for year in demo_years():
        stored = {view.day for view in deadlines.list_holidays(session, year)}
        for day, names in _local_days(year):
            if day not in stored:
                deadlines.add_local_holiday(session, day=day, names=names, actor="demo")
                added += 1
    return (f"calendar {report.years[0]}-{report.years[-1]}: {report.created} holidays "
            f"seeded, {added} local holidays")
