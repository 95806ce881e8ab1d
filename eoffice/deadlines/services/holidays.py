"""Changing the city's calendar: national and regional holidays seeded from the
`holidays` library (idempotently, per year) and local holidays entered by an
administrator (running deadlines over them are counted again)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import holidays as holidays_library
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.deadlines.domain import HolidayScope, HolidaySource
from eoffice.deadlines.errors import AlreadyHoliday, InvalidHoliday, UnknownHoliday
from eoffice.deadlines.models import Holiday
from eoffice.deadlines.region import COUNTRY, calendar_region
from eoffice.deadlines.services.calendar import HolidayView, check_year
from eoffice.deadlines.services.terms import refresh_running
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

LANGUAGES = {"es": "es", "ca": "ca", "en": "en_US"}  # ours → the library's
MAX_NAME = 200


@dataclass(frozen=True)
class SeedReport:
    years: tuple[int, ...]
    created: int
    unchanged: int


def _library_year(year: int, region: str) -> dict[date, tuple[HolidayScope, dict[str, str]]]:
    """What the library says for ``region`` in ``year``: each day, its scope and names."""
    national = holidays_library.country_holidays(COUNTRY, years=year)
    found: dict[date, tuple[HolidayScope, dict[str, str]]] = {}
    for ours, theirs in LANGUAGES.items():
        regional = holidays_library.country_holidays(COUNTRY, subdiv=region, years=year,
                                                     language=theirs)
        for day, name in regional.items():
            scope = HolidayScope.NATIONAL if day in national else HolidayScope.REGIONAL
            found.setdefault(day, (scope, {}))[1][ours] = name
    return found


def seed_holidays(session: Session, years: Iterable[int], *, region: str | None = None,
                  actor: str = "system") -> SeedReport:
    """Store the library's national and regional holidays of ``years`` that are not
    stored yet (running it again changes nothing)."""
    region = region or calendar_region()
    if region not in holidays_library.country_holidays(COUNTRY).subdivisions:
        raise InvalidHoliday(_("Unknown region %(region)s.", region=region))
    wanted = sorted({check_year(year) for year in years})
    created = unchanged = 0
    for year in wanted:
        stored = {(row.day, row.scope) for row in session.scalars(
            select(Holiday).where(Holiday.region == region,
                                  Holiday.day.between(date(year, 1, 1), date(year, 12, 31))))}
        for day, (scope, names) in sorted(_library_year(year, region).items()):
            if (day, scope) in stored:
                unchanged += 1
                continue
            session.add(Holiday(day=day, scope=scope, region=region, names=names,
                                source=HolidaySource.LIBRARY, added_by=actor,
                                added_at=utcnow()))
            created += 1
    session.flush()
    return SeedReport(years=tuple(wanted), created=created, unchanged=unchanged)


def _clean_names(names: Mapping[str, str]) -> dict[str, str]:
    clean = {lang: str(names.get(lang) or "").strip() for lang in LANGUAGES}
    errors = [FieldError(f"names.{lang}", _("Give the name in this language."),
                         "deadlines.name_required") for lang, text in clean.items() if not text]
    errors += [FieldError(f"names.{lang}", _("Give at most %(max)s characters.", max=MAX_NAME),
                          "deadlines.name_too_long")
               for lang, text in clean.items() if len(text) > MAX_NAME]
    if errors:
        raise InvalidHoliday(errors=errors)
    return clean


def add_local_holiday(session: Session, *, day: date, names: Mapping[str, str], actor: str,
                      region: str | None = None) -> HolidayView:
    """An administrator's local holiday; running deadlines over it end later."""
    region = region or calendar_region()
    check_year(day.year)
    clean = _clean_names(names)
    if session.scalar(select(Holiday.id).where(Holiday.region == region,
                                               Holiday.day == day)) is not None:
        raise AlreadyHoliday()
    row = Holiday(day=day, scope=HolidayScope.LOCAL, region=region, names=clean,
                  source=HolidaySource.ADMIN, added_by=actor, added_at=utcnow())
    session.add(row)
    session.flush()
    audit.record_event(session, "deadlines.holiday_added", actor=actor,
                       object_type="holiday", object_id=day.isoformat(),
                       data={"region": region, "names": clean})
    refresh_running(session, since=day, actor=actor)
    return HolidayView.of(row)


def remove_local_holiday(session: Session, *, day: date, actor: str,
                         region: str | None = None) -> None:
    """Remove an administrator's local holiday (library holidays are not removable)."""
    region = region or calendar_region()
    row = session.scalar(select(Holiday).where(
        Holiday.region == region, Holiday.day == day, Holiday.scope == HolidayScope.LOCAL))
    if row is None:
        raise UnknownHoliday()
    session.delete(row)
    session.flush()
    audit.record_event(session, "deadlines.holiday_removed", actor=actor,
                       object_type="holiday", object_id=day.isoformat(),
                       data={"region": region, "names": dict(row.names)})
    refresh_running(session, since=day, actor=actor)
