"""The UTC clock every context asks for "now", so tests can move time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_now: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return _now()


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Make :func:`utcnow` return ``moment`` inside the block (tests and replays)."""
    global _now  # noqa: PLW0603
    if moment.tzinfo is None:
        raise ValueError("frozen_at needs a timezone-aware moment")
    previous = _now
    _now = lambda: moment.astimezone(UTC)  # noqa: E731
    try:
        yield
    finally:
        _now = previous
