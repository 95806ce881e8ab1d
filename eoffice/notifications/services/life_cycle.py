"""The legal life cycle after a notification is made available: the addressee (or her
representative, under a valid power covering the file) accesses or rejects it; the worker
expires it when ``notification_expiry_days`` pass without either (Law 39/2015 art. 43.2);
a clerk records the outcome of a postal one. Each end publishes ``OUTCOME_TOPIC`` and asks
the worker for the sealed evidence, in the same transaction. Acting on a notification
that has ended is refused (409) and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, files
from eoffice.identity import Permission, Principal
from eoffice.notifications.domain import (
    DOCUMENT_DUE_TOPIC,
    OUTCOME_TOPIC,
    OUTCOMES,
    EventKind,
    NotificationKind,
    NotificationState,
)
from eoffice.notifications.errors import (
    AlreadyAccessed,
    AlreadyRejected,
    InvalidPostalOutcome,
    NotAllowedOnNotification,
    NotAvailable,
    NotificationExpired,
    NotPostal,
    UnknownNotification,
)
from eoffice.notifications.models import Notification
from eoffice.notifications.services.views import NotificationView, record_event, view_of
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database
from eoffice.shared.localtime import city_timezone


@dataclass(frozen=True)
class Reader:
    """Who opens a notification: its addressee, or a representative acting for her."""

    actor: str
    name: str
    acting_for: str | None  # "X acting for Y" when a representative acts

    @property
    def details(self) -> dict[str, str]:
        return {"by": self.acting_for or self.name}


def _row(session: Session, notification_id: str, *, for_update: bool) -> Notification:
    query = select(Notification).where(Notification.id == notification_id[:36])
    row = session.scalar(query.with_for_update() if for_update else query)
    if row is None:
        raise UnknownNotification()
    return row


def reader_of(session: Session, row: Notification, principal: Principal) -> Reader:
    """The addressee, or a representative with a valid power from her covering the
    notification's file; else UnknownNotification (404). A power revoked, expired or
    outside its scope gives the representation context's refusal (403)."""
    mine = (principal.id_number or "").upper()
    if not mine:
        raise UnknownNotification()
    if mine == row.addressee_id_number:
        return Reader(principal.login, principal.name, None)
    from eoffice import representation  # noqa: PLC0415 - helper R's context lands later

    try:
        representation.check_power(session, representative=mine,
                                   grantor=row.addressee_id_number,
                                   procedure=row.procedure_code,
                                   file_number=row.file_number)
    except representation.NoPower:
        raise UnknownNotification() from None
    return Reader(principal.login, principal.name,
                  representation.acting_label(principal.name, row.addressee_name))


def get_notification_for(session: Session, notification_id: str,
                         principal: Principal) -> NotificationView:
    """The notification if ``principal`` may see it (as :func:`reader_of`)."""
    row = _row(session, notification_id, for_update=False)
    reader_of(session, row, principal)
    return view_of(row)


def _refuse_unless_open(row: Notification, now: datetime) -> None:
    state = NotificationState(row.state)
    if state == NotificationState.ACCESSED:
        raise AlreadyAccessed()
    if state == NotificationState.REJECTED:
        raise AlreadyRejected()
    if state == NotificationState.EXPIRED or (
            state == NotificationState.AVAILABLE and row.expires_at is not None
            and now >= row.expires_at):
        raise NotificationExpired()
    if state != NotificationState.AVAILABLE:
        raise NotAvailable()


def access_notification(session: Session, notification_id: str,
                        principal: Principal) -> NotificationView:
    """Access (open) a notification: its content becomes readable to the addressee and
    her representatives, and the notification is practised. A communication is marked
    read instead (and may be opened again)."""
    row = _row(session, notification_id, for_update=True)
    reader = reader_of(session, row, principal)
    now = utcnow()
    if row.kind == NotificationKind.COMMUNICATION:
        if row.state == NotificationState.AVAILABLE:
            row.state, row.accessed_at = NotificationState.READ, now
            row.accessed_by = reader.details["by"]
            record_event(session, row, EventKind.READ, actor=reader.actor, at=now,
                         acting_for=reader.acting_for, details=reader.details)
        return view_of(row, now=now)
    _refuse_unless_open(row, now)
    row.accessed_at = now
    row.accessed_by = reader.details["by"]
    _end(session, row, NotificationState.ACCESSED, at=now, actor=reader.actor,
         acting_for=reader.acting_for, details=reader.details)
    return view_of(row, now=now)


def reject_notification(session: Session, notification_id: str,
                        principal: Principal) -> NotificationView:
    """Reject a notification explicitly (the procedure goes on as notified)."""
    row = _row(session, notification_id, for_update=True)
    reader = reader_of(session, row, principal)
    if row.kind == NotificationKind.COMMUNICATION:
        raise NotAvailable()
    now = utcnow()
    _refuse_unless_open(row, now)
    row.rejected_at = now
    _end(session, row, NotificationState.REJECTED, at=now, actor=reader.actor,
         acting_for=reader.acting_for, details=reader.details)
    return view_of(row, now=now)


def expire_due(session: Session, now: datetime | None = None) -> int:
    """Expire every notification available past its expiry: how many."""
    now = now or utcnow()
    rows = session.scalars(
        select(Notification).where(Notification.state == NotificationState.AVAILABLE,
                                   Notification.kind == NotificationKind.NOTIFICATION,
                                   Notification.expires_at <= now)
        .order_by(Notification.expires_at).with_for_update())
    count = 0
    for row in rows:
        assert row.expires_at is not None
        row.expired_at = row.expires_at
        _end(session, row, NotificationState.EXPIRED, at=row.expires_at, actor="system")
        count += 1
    return count


def run_expiry_job(database: Database) -> int:
    """The worker job ``notifications.expiry``: one transaction; a second run is a no-op."""
    with database.unit_of_work() as session:
        return expire_due(session)


def may_handle(session: Session, principal: Principal, row: Notification,
               permission: Permission) -> bool:
    """Whether staff ``principal`` holds ``permission`` in the unit now responsible for the
    notification's file (or, without a file, the sending unit)."""
    unit = row.sending_unit
    if row.file_number:
        brief = files.find_file_brief_by_number(session, row.file_number)
        unit = brief.responsible_unit if brief else unit
    return principal.can(permission, unit=unit)


def staff_notification(session: Session, notification_id: str, principal: Principal, *,
                       for_update: bool = False) -> Notification:
    """The notification for staff who may view or process files in its file's unit; else
    UnknownNotification (404)."""
    row = _row(session, notification_id, for_update=for_update)
    if not (may_handle(session, principal, row, Permission.VIEW_FILES)
            or may_handle(session, principal, row, Permission.PROCESS_FILES)):
        raise UnknownNotification()
    return row


def record_postal_outcome(session: Session, notification_id: str, principal: Principal, *,
                          outcome: str, on: date | None) -> NotificationView:
    """Record what the post reports: ``delivered`` or ``failed`` on the day ``on``, not
    before it was sent nor after today (``files.process`` in the file's unit; who only
    views files there gets 403). It ends the notification."""
    row = staff_notification(session, notification_id, principal, for_update=True)
    if not may_handle(session, principal, row, Permission.PROCESS_FILES):
        raise NotAllowedOnNotification()
    states = {"delivered": NotificationState.DELIVERED, "failed": NotificationState.FAILED}
    today = utcnow().astimezone(city_timezone()).date()
    sent = row.created_at.astimezone(city_timezone()).date()
    if outcome not in states or on is None or not sent <= on <= today:
        raise InvalidPostalOutcome()
    if row.state != NotificationState.POSTAL_PENDING:
        raise NotPostal()
    # Noon of the day given, but never before it was sent nor after now.
    at = max(row.created_at,
             min(datetime.combine(on, time(12), tzinfo=city_timezone()), utcnow()))
    if states[outcome] == NotificationState.DELIVERED:
        row.accessed_at, row.accessed_by = at, row.addressee_name
    _end(session, row, states[outcome], at=at, actor=principal.login,
         details={"recorded_at": utcnow().isoformat()})
    return view_of(row)


def _end(session: Session, row: Notification, state: NotificationState, *, at: datetime,
         actor: str, acting_for: str | None = None,
         details: dict[str, str] | None = None) -> None:
    row.state, row.ended_at = state, at
    outcome = OUTCOMES[state]
    record_event(session, row, outcome, actor=actor, at=at, acting_for=acting_for,
                 details=details)
    data: dict[str, str | None] = {"file_number": row.file_number, "outcome": outcome}
    if acting_for:
        data["acting_for"] = acting_for
    audit.record_event(session, f"notifications.{outcome}", actor=actor,
                       object_type="notification", object_id=row.id,
                       unit_code=row.sending_unit, data=data)
    outbox.enqueue(session, OUTCOME_TOPIC,
                   {"notification": row.id, "file_number": row.file_number or "",
                    "outcome": outcome, "at": at.isoformat()},
                   dedup_key=f"{OUTCOME_TOPIC}:{row.id}")
    outbox.enqueue(session, DOCUMENT_DUE_TOPIC,
                   {"notification": row.id, "document": "evidence"},
                   dedup_key=f"{DOCUMENT_DUE_TOPIC}:evidence:{row.id}")
