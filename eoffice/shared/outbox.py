"""Transactional outbox: side effects written with the data, delivered by the worker.

A service calls :func:`enqueue` in the same transaction as the change that
causes the side effect (an e-mail, an index update, a workflow step). The
worker claims due messages with a lease, hands each to the consumer of its
topic outside any transaction, and marks it done, or schedules a retry with
exponential backoff, or marks it failed after too many attempts. Delivery is
at least once: consumers use the message id as their idempotency key.

While an outside system is down its messages wait longer and longer; so that work
resumes soon after it is back, the worker *probes* each waiting topic once no delivery of
it failed for ``PROBE_INTERVAL`` (fresh messages of the topic going through meanwhile
are no reason to wait): the message next in line is tried early, a failed probe costs it
no attempt, and a success (or any retried message delivered) puts the topic's other
waiting messages back in line at once.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, ColumnElement, Integer, String, Text, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from eoffice.shared.clock import utcnow
from eoffice.shared.db import Base, Database, UTCDateTime

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=1)
PROBE_INTERVAL = timedelta(seconds=20)


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class OutboxMessage(Base):
    """One side effect waiting to leave the database."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(100), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    dedup_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=OutboxStatus.PENDING, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    available_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    locked_by: Mapped[str | None] = mapped_column(String(100))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@dataclass(frozen=True)
class Delivery:
    """What a consumer receives: the message id (its idempotency key) and payload."""

    message_id: int
    topic: str
    payload: dict[str, Any]
    attempt: int
    probe: bool = False  # tried before its backoff ran out, to learn if the system is back


Consumer = Callable[[Delivery], None]


def enqueue(
    session: Session,
    topic: str,
    payload: dict[str, Any],
    *,
    dedup_key: str | None = None,
    not_before: datetime | None = None,
) -> OutboxMessage | None:
    """Write a message in the caller's transaction; a repeated ``dedup_key`` is a no-op."""
    if dedup_key is not None:
        existing = session.scalar(select(OutboxMessage).filter_by(dedup_key=dedup_key))
        if existing is not None:
            return None
    now = utcnow()
    message = OutboxMessage(
        topic=topic,
        payload=payload,
        dedup_key=dedup_key,
        status=OutboxStatus.PENDING,
        created_at=now,
        available_at=not_before or now,
        attempts=0,
    )
    if dedup_key is None:
        session.add(message)
        session.flush()
        return message
    try:  # a concurrent transaction may have enqueued the same key meanwhile
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        return None
    return message


def backoff(attempts: int) -> timedelta:
    """Delay before the next delivery after ``attempts`` failures (capped)."""
    return min(timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def claim_due(database: Database, *, worker_id: str, limit: int = 20) -> list[Delivery]:
    """Lease up to ``limit`` due messages to ``worker_id`` (skipping ones leased to others).
    Messages still leased to ``worker_id`` itself are due again: a worker claims between
    its rounds, so they are what a round left unsettled when it failed (the database went
    away between the delivery and its settling), not work in progress."""
    now = utcnow()
    with database.unit_of_work() as session:
        query = (
            select(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING)
            .where(OutboxMessage.available_at <= now)
            .where(or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now,
                       OutboxMessage.locked_by == worker_id))
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
        if not database.is_sqlite:
            query = query.with_for_update(skip_locked=True)
        messages = list(session.scalars(query))
        for message in messages:
            message.locked_by = worker_id
            message.locked_until = now + LEASE
        return [Delivery(m.id, m.topic, dict(m.payload), m.attempts + 1) for m in messages]


def settle(
    database: Database,
    delivery: Delivery,
    *,
    error: str | None,
    max_attempts: int,
) -> None:
    """Record the outcome of one delivery: done, retry later, or failed for good."""
    now = utcnow()
    with database.unit_of_work() as session:
        message = session.get(OutboxMessage, delivery.message_id)
        if message is None or message.status != OutboxStatus.PENDING:
            return
        message.locked_by = None
        message.locked_until = None
        if error is None:
            message.status = OutboxStatus.DONE
            message.processed_at = now
            if delivery.attempt > 1 or delivery.probe:  # the system is back
                session.execute(update(OutboxMessage).where(_waiting(now)).where(
                    OutboxMessage.topic == delivery.topic).values(available_at=now))
            return
        if delivery.probe:  # still down: the message keeps its place and its attempts
            message.last_error = error[:4000]
            return
        message.attempts += 1
        message.last_error = error[:4000]
        if message.attempts >= max_attempts:
            message.status = OutboxStatus.FAILED
            message.processed_at = now
        else:
            message.available_at = now + backoff(message.attempts)


def _waiting(now: datetime) -> ColumnElement[bool]:
    """Pending messages that failed before and wait for their backoff, not leased."""
    return (OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.attempts > 0) \
        & (OutboxMessage.available_at > now) \
        & or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now)


def claim_probes(database: Database, *, worker_id: str,
                 topics: Callable[[str], bool]) -> list[Delivery]:
    """Lease, for each waiting topic that ``topics`` accepts, its message next in line."""
    now = utcnow()
    with database.unit_of_work() as session:
        heads = session.execute(select(OutboxMessage.topic, func.min(OutboxMessage.available_at))
                                .where(_waiting(now)).group_by(OutboxMessage.topic)).all()
        probes: list[Delivery] = []
        for topic, first in heads:
            if not topics(topic):
                continue
            query = select(OutboxMessage).where(_waiting(now)).where(
                OutboxMessage.topic == topic, OutboxMessage.available_at == first).limit(1)
            if not database.is_sqlite:
                query = query.with_for_update(skip_locked=True)
            message = session.scalar(query)
            if message is None:
                continue
            message.locked_by, message.locked_until = worker_id, now + LEASE
            probes.append(Delivery(message.id, message.topic, dict(message.payload),
                                   message.attempts + 1, probe=True))
        return probes


def deliver_due(
    database: Database,
    consumers: dict[str, Consumer],
    *,
    worker_id: str,
    max_attempts: int,
) -> int:
    """Deliver every due message once; returns how many were handled."""
    return deliver(database, consumers, claim_due(database, worker_id=worker_id),
                   max_attempts=max_attempts)


def deliver(database: Database, consumers: dict[str, Consumer], deliveries: list[Delivery],
            *, max_attempts: int,
            on_failure: Callable[[Delivery], None] | None = None) -> int:
    """Hand each claimed delivery to its consumer and settle it; how many were handled.
    ``on_failure`` hears of each delivery that failed."""
    for delivery in deliveries:
        consumer = consumers.get(delivery.topic)
        error: str | None = None
        if consumer is None:
            error = f"no consumer for topic {delivery.topic!r}"
        else:
            try:
                consumer(delivery)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                log.warning("outbox message %s (%s, attempt %s%s) failed: %s",
                            delivery.message_id, delivery.topic, delivery.attempt,
                            ", probe" if delivery.probe else "", error[:500])
        settle(database, delivery, error=error, max_attempts=max_attempts)
        if error is not None and on_failure is not None:
            on_failure(delivery)
    return len(deliveries)


def retry(session: Session, message_id: int) -> bool:
    """Put a failed (or waiting) message back in line for delivery now."""
    message = session.get(OutboxMessage, message_id)
    if message is None or message.status == OutboxStatus.DONE:
        return False
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.available_at = utcnow()
    message.locked_by = message.locked_until = None
    return True


def release_abandoned_leases(database: Database, *, host: str,
                             is_running: Callable[[int, str], bool]) -> int:
    """Free the leases held by workers of ``host`` that no longer run (killed, out of
    memory), so that their messages go out now rather than when the lease ends. Worker
    ids are ``host:pid:...``; ``is_running(pid, worker_id)`` says whether that worker is
    alive. Returns how many messages were freed."""
    now = utcnow()
    with database.unit_of_work() as session:
        leased = session.scalars(select(OutboxMessage).where(
            OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.locked_until > now,
            OutboxMessage.locked_by.startswith(f"{host}:", autoescape=True)))
        freed = 0
        for message in leased:
            pid = (message.locked_by or "")[len(host) + 1:].partition(":")[0]
            if pid.isdigit() and not is_running(int(pid), message.locked_by or ""):
                message.locked_by = message.locked_until = None
                freed += 1
        return freed


def list_stuck(session: Session) -> Sequence[OutboxMessage]:
    """Messages that failed for good or keep failing: what operators must look at."""
    query = select(OutboxMessage).where(
        or_(OutboxMessage.status == OutboxStatus.FAILED, OutboxMessage.attempts > 0)
    )
    return session.scalars(query.where(OutboxMessage.status != OutboxStatus.DONE)).all()
