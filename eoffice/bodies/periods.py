"""Pure rules of the bodies' registers: a body's key, its names in the office's
languages, when two periods (memberships, delegations) overlap, when two delegations
cover the same competence, and the dates printed in the reasons of a refusal."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date

KEY = re.compile(r"^[a-z][a-z0-9_]{1,49}$")
LANGUAGES = ("es", "ca", "en")
MAX_NAME = 200
#: How a long date is written in each language ("3 December 2026", "3 de diciembre de
#: 2026", "3 de desembre del 2026").
DATE_LOCALES = {"en": "en_GB", "es": "es", "ca": "ca"}


def valid_key(key: str) -> bool:
    """A body's key: lower-case snake_case, 2 to 50 characters (``mayor``)."""
    return bool(KEY.match(key))


def clean_names(names: dict[str, str]) -> dict[str, str]:
    """The non-empty names among the office's languages, trimmed."""
    return {lang: " ".join(str(names.get(lang) or "").split())[:MAX_NAME]
            for lang in LANGUAGES if str(names.get(lang) or "").strip()}


def periods_overlap(first: tuple[date, date | None], second: tuple[date, date | None]) -> bool:
    """Whether two periods (both ends included; no end: open) share a day."""
    (start_a, end_a), (start_b, end_b) = first, second
    return (end_b is None or start_a <= end_b) and (end_a is None or start_b <= end_a)


def scopes_overlap(first: str | None, second: str | None) -> bool:
    """Whether two delegations' procedures overlap: the same one, or either covers all."""
    return first is None or second is None or first == second


def covers(scope: str | None, procedure_code: str | None) -> bool:
    """Whether a delegation of ``scope`` (None: every competence) covers a procedure."""
    return scope is None or scope == procedure_code


def long_date(day: date, language: str) -> str:
    """``day`` as people write it in ``language`` (3 December 2026)."""
    return format_date(day, format="long", locale=DATE_LOCALES.get(language, "es"))
