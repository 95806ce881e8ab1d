"""Use cases of the audit context: append an event, verify the whole chain."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.domain import FIELDS, GENESIS_HASH, event_hash
from eoffice.audit.models import AuditEvent, AuditHead
from eoffice.shared.clock import utcnow

HEAD_ID = 1


def _locked_head(session: Session) -> AuditHead:
    head = session.scalar(select(AuditHead).where(AuditHead.id == HEAD_ID).with_for_update())
    if head is None:
        head = AuditHead(id=HEAD_ID, last_seq=0, last_hash=GENESIS_HASH)
        session.add(head)
        session.flush()
    return head


def record_event(
    session: Session,
    action: str,
    *,
    actor: str,
    object_type: str,
    object_id: str,
    unit_code: str | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event to the chain in the caller's transaction."""
    head = _locked_head(session)
    fields: dict[str, Any] = {
        "seq": head.last_seq + 1,
        "occurred_at": utcnow(),
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "unit_code": unit_code,
        "data": data or {},
        "prev_hash": head.last_hash,
    }
    event = AuditEvent(**fields, hash=event_hash(fields))
    session.add(event)
    head.last_seq = event.seq
    head.last_hash = event.hash
    session.flush()
    return event


@dataclass
class ChainReport:
    """Outcome of :func:`verify_chain`: events checked and what is wrong, by event."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(session: Session, *, batch: int = 1000) -> ChainReport:
    """Recompute every hash and link; report edited, deleted or inserted events."""
    report = ChainReport()
    expected_seq, prev_hash = 1, GENESIS_HASH
    rows = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(batch)
    for event in rows:
        report.checked += 1
        if event.seq != expected_seq:
            report.problems.append(
                f"event {expected_seq}..{event.seq - 1}: missing (deleted) before event {event.seq}"
            )
        if event.prev_hash != prev_hash:
            report.problems.append(f"event {event.seq}: link to the previous event is broken")
        recomputed = event_hash({name: getattr(event, name) for name in FIELDS})
        if recomputed != event.hash:
            report.problems.append(f"event {event.seq} ({event.action}): content was changed")
        expected_seq, prev_hash = event.seq + 1, event.hash
    last_seq = expected_seq - 1
    head = session.get(AuditHead, HEAD_ID)
    if head is None:
        if report.checked:
            report.problems.append("the chain's head record is missing")
    elif head.last_seq > last_seq:
        report.problems.append(
            f"events after {last_seq} up to {head.last_seq}: missing (deleted tail)"
        )
    elif head.last_seq != last_seq or head.last_hash != prev_hash:
        report.problems.append(f"the chain's head does not match event {last_seq}")
    return report


@dataclass(frozen=True)
class EventView:
    """One audit event as readers outside the audit context see it."""

    seq: int
    occurred_at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    unit_code: str | None
    data: dict[str, Any]


def events_about(session: Session, object_type: str, object_ids: Collection[str],
                 actions: Collection[str] | None = None, *,
                 limit: int = 1000) -> list[EventView]:
    """Events whose object is one of ``object_ids`` of ``object_type`` (restricted to
    ``actions`` when given), newest first, at most ``limit``. Read-only."""
    if not object_ids:
        return []
    query = select(AuditEvent).where(AuditEvent.object_type == object_type,
                                     AuditEvent.object_id.in_([str(i) for i in object_ids]))
    if actions is not None:
        query = query.where(AuditEvent.action.in_(list(actions)))
    rows = session.scalars(query.order_by(AuditEvent.seq.desc()).limit(limit))
    return [EventView(e.seq, e.occurred_at, e.actor, e.action, e.object_type, e.object_id,
                      e.unit_code, dict(e.data or {})) for e in rows]
