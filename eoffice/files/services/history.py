"""The actions history of a file (its timeline): every change, with time, actor, kind
and details, written in the same transaction as the change, with its audit event."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.files.domain import ActionKind
from eoffice.files.models import AdministrativeFile, FileAction
from eoffice.shared.clock import utcnow


@dataclass(frozen=True)
class ActionView:
    at: datetime
    actor: str
    kind: str
    details: dict[str, Any]


def record_action(session: Session, file: AdministrativeFile, kind: ActionKind, *,
                  actor: str, details: Mapping[str, Any] | None = None,
                  at: datetime | None = None, audited: bool = True) -> None:
    """Append ``kind`` to the file's history and (unless the caller writes its own event)
    to the audit log as ``files.<kind>``."""
    facts = dict(details or {})
    session.add(FileAction(file_id=file.id, at=at or utcnow(), actor=actor, kind=kind.value,
                           details=facts))
    if not audited:
        return
    audit.record_event(session, f"files.{kind.value}", actor=actor, object_type="file",
                       object_id=file.id, unit_code=file.responsible_unit,
                       data={"number": file.number, **facts})


def list_history(session: Session, file: AdministrativeFile) -> Sequence[ActionView]:
    """The file's actions, oldest first."""
    rows = session.scalars(select(FileAction).where(FileAction.file_id == file.id)
                           .order_by(FileAction.at, FileAction.id))
    return [ActionView(r.at, r.actor, r.kind, dict(r.details)) for r in rows]
