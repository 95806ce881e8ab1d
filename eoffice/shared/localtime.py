"""The city's local time: registry years and "the day of submission" are counted in the
settings' time zone (Europe/Madrid by default), not in UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from eoffice.shared.clock import utcnow

DEFAULT_TIMEZONE = "Europe/Madrid"


def city_timezone() -> ZoneInfo:
    """The configured time zone of the running app (the default outside one)."""
    from flask import current_app, has_app_context  # noqa: PLC0415 - app only when running

    name = DEFAULT_TIMEZONE
    if has_app_context():
        name = current_app.config["EOFFICE_SETTINGS"].timezone
    return ZoneInfo(name)


def local_date(moment: datetime) -> date:
    """The city's calendar day of ``moment`` (23:30 UTC on 31 December is 1 January)."""
    return moment.astimezone(city_timezone()).date()


def local_today() -> date:
    """Today in the city."""
    return local_date(utcnow())
