"""Examples for clock.yml (semgrep --test)."""
# ruff: noqa
import time
from datetime import UTC, date, datetime

from eoffice.shared.clock import utcnow


def registered_at() -> datetime:
    # ruleid: eoffice-wall-clock-outside-clock
    return datetime.now(UTC)


def naive_now() -> datetime:
    # ruleid: eoffice-wall-clock-outside-clock
    return datetime.utcnow()


def today() -> date:
    # ruleid: eoffice-wall-clock-outside-clock
    return date.today()


def stamp() -> float:
    # ruleid: eoffice-wall-clock-outside-clock
    return time.time()


def registered_at_frozen_clock() -> datetime:
    # ok: eoffice-wall-clock-outside-clock
    return utcnow()


def elapsed() -> float:
    # ok: eoffice-wall-clock-outside-clock
    return time.monotonic()
