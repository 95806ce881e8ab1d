"""Pure rules of electronic notifications: kinds, states, channels, the events of the
legal life cycle (Law 39/2015 arts. 40-43) and the days left before a notification made
available is deemed rejected. No session, no Flask, no I/O."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time, timedelta, tzinfo

#: Outbox topic published when a notification's legal life cycle ends; payload
#: {"notification", "file_number", "outcome", "at"} (processing consumes it).
OUTCOME_TOPIC = "notifications.outcome"
#: Outbox topic of the worker that seals the evidence of an ended notification or the
#: printable postal notification: payload {"notification", "document": evidence|postal}.
DOCUMENT_DUE_TOPIC = "notifications.document_due"
EXPIRY_JOB = "notifications.expiry"
_INSTANT = timedelta(microseconds=1)


class NotificationKind(enum.StrEnum):
    NOTIFICATION = "notification"  # legal effect: exit register, expiry, evidence
    COMMUNICATION = "communication"  # information only: read when opened


class NotificationState(enum.StrEnum):
    CREATED = "created"
    AVAILABLE = "available"
    ACCESSED = "accessed"
    REJECTED = "rejected"
    EXPIRED = "expired"
    POSTAL_PENDING = "postal_pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    READ = "read"  # a communication once opened


class NotificationChannel(enum.StrEnum):
    ELECTRONIC = "electronic"
    POSTAL = "postal"


class EventKind(enum.StrEnum):
    CREATED = "created"
    MADE_AVAILABLE = "made_available"
    ALERT_QUEUED = "alert_queued"
    ALERT_NOT_SENT = "alert_not_sent"
    ACCESSED = "accessed"
    REJECTED = "rejected"
    EXPIRED = "expired"
    POSTAL_PENDING = "postal_pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    READ = "read"
    EVIDENCE_ISSUED = "evidence_issued"


#: States that end a notification's legal life cycle, with the outcome they publish.
OUTCOMES: dict[NotificationState, str] = {
    NotificationState.ACCESSED: "accessed",
    NotificationState.REJECTED: "rejected",
    NotificationState.EXPIRED: "expired",
    NotificationState.DELIVERED: "delivered",
    NotificationState.FAILED: "failed",
}
#: What a citizen may still act on.
OPEN_STATES = frozenset({NotificationState.AVAILABLE})


def expiry_of(available_at: datetime, days: int, city: tzinfo) -> datetime:
    """When a notification made available at ``available_at`` is deemed rejected (Law
    39/2015 art. 43.2, days counted from the day after as art. 30.3-30.4 count them;
    ADR 0049): at 00:00 on the city's clock of the day after the ``days``-th calendar day
    following the day it was made available, so the addressee may access it throughout
    that last day. The moment is returned in UTC (a change to or from summer time in
    between moves it in UTC, never on the city's clock)."""
    day = available_at.astimezone(city).date()
    first_moment = datetime.combine(day + timedelta(days=days + 1), time(0), tzinfo=city)
    return first_moment.astimezone(UTC)


def last_day_to_access(expires_at: datetime | None, city: tzinfo) -> date | None:
    """The city's calendar day of the last moment before ``expires_at`` (the day shown as
    "until the end of ...")."""
    if expires_at is None:
        return None
    return (expires_at - _INSTANT).astimezone(city).date()


def days_left(expires_at: datetime | None, now: datetime, state: str,
              city: tzinfo) -> int | None:
    """Calendar days on the city's clock on which an available notification can still
    be accessed, today included (1 on the last day, 0 once deemed rejected); None when
    it is not available or has no expiry."""
    if expires_at is None or state != NotificationState.AVAILABLE:
        return None
    if now >= expires_at:
        return 0
    last = last_day_to_access(expires_at, city)
    assert last is not None
    return (last - now.astimezone(city).date()).days + 1


def is_final(state: str) -> bool:
    return state in {s.value for s in OUTCOMES} or state == NotificationState.READ
