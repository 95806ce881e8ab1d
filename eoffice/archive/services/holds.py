"""Legal holds: while a hold is active the archived file cannot be destroyed, whatever
its retention schedule says. Archivists place and lift them, always with a reason; both
are audited. A record may carry several holds at once (one per proceeding)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.archive.domain import RecordStatus
from eoffice.archive.errors import (
    HoldAlreadyLifted,
    ReasonRequired,
    RecordDestroyed,
    UnknownHold,
)
from eoffice.archive.models import Hold, Record
from eoffice.archive.services.access import (
    get_record_for,
    is_archivist,
    may_see_record,
    require_archivist,
)
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow

REASON_CHARS = 2000


def _reason(text: str | None) -> str:
    reason = (text or "").strip()
    if not reason:
        raise ReasonRequired()
    return reason[:REASON_CHARS]


def place_hold(session: Session, number: str, reason: str | None,
               principal: Principal) -> Hold:
    """Hold the archived file ``number`` (archivists only: others 403, or 404 when they
    may not even see it); a file whose content was destroyed is refused (409). The
    record is locked, so the worker destroying it either sees the hold or went first."""
    record = get_record_for(session, number, principal, for_update=True)
    require_archivist(principal)
    text = _reason(reason)
    if record.destroyed_at is not None or record.status == RecordStatus.DESTROYED.value:
        raise RecordDestroyed()
    hold = Hold(record_id=record.id, reason=text, placed_by=principal.login,
                placed_at=utcnow())
    session.add(hold)
    session.flush()
    audit.record_event(session, "archive.hold_placed", actor=principal.login,
                       object_type="archive_record", object_id=record.id,
                       unit_code=record.unit_code,
                       data={"file_number": record.file_number, "hold": hold.id,
                             "reason": text})
    return hold


def lift_hold(session: Session, hold_id: int, reason: str | None,
              principal: Principal) -> Hold:
    """Lift hold ``hold_id`` (archivists only); lifting it twice is refused (409)."""
    if not is_archivist(principal):
        get_hold_for(session, hold_id, principal)  # 404 when unseen, else:
        require_archivist(principal)
    hold = session.scalar(select(Hold).where(Hold.id == hold_id).with_for_update())
    if hold is None:
        raise UnknownHold()
    text = _reason(reason)
    if hold.lifted_at is not None:
        raise HoldAlreadyLifted()
    hold.lifted_at = utcnow()
    hold.lifted_by = principal.login
    hold.lift_reason = text
    record = session.get(Record, hold.record_id)
    assert record is not None
    audit.record_event(session, "archive.hold_lifted", actor=principal.login,
                       object_type="archive_record", object_id=record.id,
                       unit_code=record.unit_code,
                       data={"file_number": record.file_number, "hold": hold.id,
                             "reason": text})
    return hold


def get_hold_for(session: Session, hold_id: int, principal: Principal) -> Hold:
    """Hold ``hold_id`` if ``principal`` may see its record (404 otherwise)."""
    hold = session.get(Hold, hold_id)
    if hold is None:
        raise UnknownHold()
    record = session.get(Record, hold.record_id)
    if record is None or not may_see_record(principal, record):
        raise UnknownHold()
    return hold


def active_hold(session: Session, record_id: str) -> Hold | None:
    """The oldest hold of ``record_id`` not yet lifted, if any."""
    return session.scalars(select(Hold).where(Hold.record_id == record_id,
                                              Hold.lifted_at.is_(None))
                           .order_by(Hold.placed_at, Hold.id)).first()


def holds_of(session: Session, record_id: str) -> list[Hold]:
    """Every hold of ``record_id``, newest first (active and lifted)."""
    return list(session.scalars(select(Hold).where(Hold.record_id == record_id)
                                .order_by(Hold.placed_at.desc(), Hold.id.desc())))


def held_record_ids(session: Session, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are under an active hold."""
    wanted = list(dict.fromkeys(ids))
    held: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        held.update(session.scalars(select(Hold.record_id).where(
            Hold.record_id.in_(chunk), Hold.lifted_at.is_(None))))
    return held


def active_holds(session: Session) -> list[tuple[Hold, Record]]:
    """Every active hold with its record, oldest first."""
    rows = session.execute(select(Hold, Record).join(Record, Record.id == Hold.record_id)
                           .where(Hold.lifted_at.is_(None))
                           .order_by(Hold.placed_at, Hold.id)).all()
    return [(hold, record) for hold, record in rows]
