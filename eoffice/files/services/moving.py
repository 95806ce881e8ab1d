"""Movements of a file between units: the responsible unit sends it to another unit with
a reason; that unit receives it (and becomes responsible) or returns it with a reason
(before or after receiving it; it goes back to the sender, responsible again). While the
file is out, the sending unit keeps read access."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.files.domain import OUT, ActionKind, MovementState
from eoffice.files.errors import InvalidMovement, MovementPending, NoMovement, ReasonRequired
from eoffice.files.models import AdministrativeFile, FileMovement
from eoffice.files.services.access import require_open
from eoffice.files.services.history import record_action
from eoffice.shared.clock import utcnow

MAX_REASON = 500


@dataclass(frozen=True)
class MovementView:
    id: int
    from_unit: str
    to_unit: str
    reason: str
    state: str
    sent_at: datetime
    sent_by: str
    received_at: datetime | None
    received_by: str | None
    returned_at: datetime | None
    returned_by: str | None
    return_reason: str | None

    @classmethod
    def of(cls, row: FileMovement) -> MovementView:
        return cls(row.id, row.from_unit, row.to_unit, row.reason, row.state, row.sent_at,
                   row.sent_by, row.received_at, row.received_by, row.returned_at,
                   row.returned_by, row.return_reason)


def _reason(text: str | None) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise ReasonRequired()
    return cleaned[:MAX_REASON]


def _open_move(session: Session, file: AdministrativeFile,
               states: frozenset[MovementState]) -> FileMovement | None:
    return session.scalar(select(FileMovement).where(
        FileMovement.file_id == file.id, FileMovement.state.in_(sorted(states)))
        .order_by(FileMovement.id.desc()).limit(1))


def send_file(session: Session, file: AdministrativeFile, *, to_unit: str,
              reason: str | None, actor: str) -> MovementView:
    """Send the open file from its responsible unit to ``to_unit`` (the caller holds the
    file's row lock and has checked the actor works in the responsible unit)."""
    require_open(file)
    if _open_move(session, file, frozenset({MovementState.SENT})) is not None:
        raise MovementPending()
    senders = session.scalars(select(FileMovement.from_unit).where(
        FileMovement.file_id == file.id, FileMovement.state.in_(sorted(OUT))))
    if to_unit == file.responsible_unit or to_unit in set(senders):
        raise InvalidMovement()  # back to a unit that sent it: that is a return
    try:
        identity.describe_unit(session, to_unit, locale="es")
    except identity.UnknownUnit as error:
        raise InvalidMovement() from error
    row = FileMovement(file_id=file.id, from_unit=file.responsible_unit, to_unit=to_unit,
                       reason=_reason(reason), state=MovementState.SENT.value,
                       sent_at=utcnow(), sent_by=actor)
    session.add(row)
    session.flush()
    record_action(session, file, ActionKind.SENT, actor=actor, at=row.sent_at,
                  details={"movement": row.id, "from": row.from_unit, "to": to_unit,
                           "reason": row.reason})
    return MovementView.of(row)


def receive_file(session: Session, file: AdministrativeFile, *,
                 actor: str) -> MovementView:
    """The unit the file was sent to receives it and becomes responsible."""
    require_open(file)
    row = _open_move(session, file, frozenset({MovementState.SENT}))
    if row is None:
        raise NoMovement()
    row.state, row.received_at, row.received_by = MovementState.RECEIVED, utcnow(), actor
    file.responsible_unit = row.to_unit
    session.flush()
    record_action(session, file, ActionKind.RECEIVED, actor=actor, at=row.received_at,
                  details={"movement": row.id, "from": row.from_unit, "to": row.to_unit})
    return MovementView.of(row)


def return_file(session: Session, file: AdministrativeFile, *, reason: str | None,
                actor: str) -> MovementView:
    """The unit the file was sent to returns it to the sender, who is responsible again."""
    require_open(file)
    row = _open_move(session, file, OUT)
    if row is None:
        raise NoMovement()
    row.return_reason = _reason(reason)
    row.state, row.returned_at, row.returned_by = MovementState.RETURNED, utcnow(), actor
    file.responsible_unit = row.from_unit
    session.flush()
    record_action(session, file, ActionKind.RETURNED, actor=actor, at=row.returned_at,
                  details={"movement": row.id, "from": row.to_unit, "to": row.from_unit,
                           "reason": row.return_reason})
    return MovementView.of(row)


def list_movements(session: Session, file: AdministrativeFile) -> Sequence[MovementView]:
    """The file's movements, oldest first."""
    rows = session.scalars(select(FileMovement).where(FileMovement.file_id == file.id)
                           .order_by(FileMovement.id))
    return [MovementView.of(row) for row in rows]
