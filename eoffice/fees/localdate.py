"""The city's calendar day: a rule in force "on the day of submission" means the local
date in the settings' time zone (Europe/Madrid by default), not the UTC one."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from eoffice.shared.clock import utcnow

DEFAULT_TIMEZONE = "Europe/Madrid"


def city_timezone() -> ZoneInfo:
    name = DEFAULT_TIMEZONE
    if has_app_context():
        name = current_app.config["EOFFICE_SETTINGS"].timezone
    return ZoneInfo(name)


def local_today() -> date:
    """Today in the city (a quote at 23:30 UTC on 31 December is already 1 January)."""
    return utcnow().astimezone(city_timezone()).date()
