"""Read models of notifications: the view other contexts and pages receive, the events
of one notification, and where settings of the running application are read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.notifications.domain import days_left, last_day_to_access
from eoffice.notifications.models import Notification, NotificationEvent
from eoffice.shared.clock import utcnow
from eoffice.shared.localtime import city_timezone

DEFAULT_EXPIRY_DAYS = 10


@dataclass(frozen=True)
class NotificationView:
    """A notification or communication as its addressee, her representative and the
    file's clerks see it (``document_id`` is the content: show it only after access)."""

    id: str
    kind: str
    state: str
    file_number: str | None
    subject: str
    addressee_id_number: str
    addressee_name: str
    representative_id_number: str | None
    channel: str
    sending_unit: str
    procedure_code: str | None
    created_at: datetime
    available_at: datetime | None
    expires_at: datetime | None
    accessed_at: datetime | None
    accessed_by: str | None
    rejected_at: datetime | None
    expired_at: datetime | None
    ended_at: datetime | None
    exit_number: str | None
    document_id: str
    evidence_document_id: str | None
    postal_document_id: str | None
    alert_status: str | None
    days_left: int | None
    #: The city's day until whose end it can be accessed (the day before ``expires_at``).
    last_day: date | None = None


@dataclass(frozen=True)
class EventView:
    at: datetime
    kind: str
    actor: str
    acting_for: str | None
    details: dict[str, Any]


def view_of(row: Notification, *, now: datetime | None = None) -> NotificationView:
    city = city_timezone()
    return NotificationView(
        id=row.id, kind=row.kind, state=row.state, file_number=row.file_number,
        subject=row.subject, addressee_id_number=row.addressee_id_number,
        addressee_name=row.addressee_name,
        representative_id_number=row.representative_id_number, channel=row.channel,
        sending_unit=row.sending_unit, procedure_code=row.procedure_code,
        created_at=row.created_at, available_at=row.available_at,
        expires_at=row.expires_at, accessed_at=row.accessed_at,
        accessed_by=row.accessed_by, rejected_at=row.rejected_at,
        expired_at=row.expired_at, ended_at=row.ended_at, exit_number=row.exit_number,
        document_id=row.document_id, evidence_document_id=row.evidence_document_id,
        postal_document_id=row.postal_document_id, alert_status=row.alert_status,
        days_left=days_left(row.expires_at, now or utcnow(), row.state, city),
        last_day=last_day_to_access(row.expires_at, city))


def events_of(session: Session, notification_id: str) -> list[EventView]:
    """The events of a notification, oldest first."""
    rows = session.scalars(select(NotificationEvent)
                           .where(NotificationEvent.notification_id == notification_id)
                           .order_by(NotificationEvent.at, NotificationEvent.id))
    return [EventView(r.at, r.kind, r.actor, r.acting_for, dict(r.details or {}))
            for r in rows]


def record_event(session: Session, row: Notification, kind: str, *, actor: str,
                 at: datetime, acting_for: str | None = None,
                 details: dict[str, Any] | None = None) -> None:
    session.add(NotificationEvent(notification_id=row.id, at=at, kind=kind, actor=actor,
                                  acting_for=acting_for, details=details or {}))


def expiry_days() -> int:
    """``notification_expiry_days`` of the running application (10 without one)."""
    if not has_app_context():
        return DEFAULT_EXPIRY_DAYS
    return int(current_app.config["EOFFICE_SETTINGS"].notification_expiry_days)


def public_url() -> str:
    if not has_app_context():
        return "http://localhost:5000"
    return str(current_app.config["EOFFICE_SETTINGS"].public_url).rstrip("/")
