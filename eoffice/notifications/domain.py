"""Pure rules of electronic notifications: kinds, states, channels, the events of the
legal life cycle (Law 39/2015 arts. 40-43) and the days left before a notification made
available is deemed rejected. No session, no Flask, no I/O."""

from __future__ import annotations

import enum
import math
from datetime import UTC, datetime, timedelta, tzinfo

#: Outbox topic published when a notification's legal life cycle ends; payload
#: {"notification", "file_number", "outcome", "at"} (processing consumes it).
OUTCOME_TOPIC = "notifications.outcome"
#: Outbox topic of the worker that seals the evidence of an ended notification or the
#: printable postal notification: payload {"notification", "document": evidence|postal}.
DOCUMENT_DUE_TOPIC = "notifications.document_due"
EXPIRY_JOB = "notifications.expiry"


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
    """When a notification made available at ``available_at`` is deemed rejected:
    ``days`` calendar days later at the same time on the city's clock (a change to or
    from summer time in between does not move it by an hour)."""
    local = available_at.astimezone(city)
    return (local + timedelta(days=days)).astimezone(UTC)


def days_left(expires_at: datetime | None, now: datetime, state: str) -> int | None:
    """Whole days (rounded up) left to access an available notification; None otherwise."""
    if expires_at is None or state != NotificationState.AVAILABLE:
        return None
    seconds = (expires_at - now).total_seconds()
    return max(0, math.ceil(seconds / 86400))


def is_final(state: str) -> bool:
    return state in {s.value for s in OUTCOMES} or state == NotificationState.READ
