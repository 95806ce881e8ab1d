"""The access log: every read of personal data (a file, its documents, an application,
an archived record) by anyone, one row per access, never throttled (ADR 0052).

It is kept apart from the hash-chained event log on purpose: a chain serialises its
writers on one head row, and reads are many times more frequent than changes, so
logging each read there would make every read wait for every other. The access log is
append-only (database triggers refuse UPDATE and DELETE, as on the event log) and is
written in a transaction of its own *before* the data leaves the server: when the log
cannot be written, the read fails rather than going unrecorded."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from eoffice.audit.models import AccessRecord
from eoffice.shared.clock import utcnow
from eoffice.shared.db import unit_of_work

READ = "read"
DOWNLOAD = "download"
ACTIONS = frozenset({READ, DOWNLOAD})


@dataclass(frozen=True)
class Access:
    """What one access was, as a route describes it."""

    action: str
    object_type: str
    object_id: str
    subject_type: str | None = None
    subject_id: str | None = None
    unit_code: str | None = None


@dataclass(frozen=True)
class AccessView:
    """One row of the access log as readers outside the audit context see it."""

    accessed_at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    subject_type: str | None
    subject_id: str | None
    unit_code: str | None
    channel: str


def record_access(session: Session, access: Access, *, actor: str, channel: str) -> None:
    """Add one access to the log in the caller's transaction."""
    if access.action not in ACTIONS:
        raise ValueError(f"unknown access action {access.action!r}")
    session.add(AccessRecord(
        accessed_at=utcnow(), actor=actor[:200], action=access.action,
        object_type=access.object_type[:60], object_id=str(access.object_id)[:200],
        subject_type=access.subject_type,
        subject_id=None if access.subject_id is None else str(access.subject_id)[:200],
        unit_code=access.unit_code, channel=channel))


def log_access(access: Access, *, actor: str, channel: str) -> None:
    """Record ``access`` in a transaction of its own (committed when this returns), for
    routes that read in a read-only session: call it before sending the data."""
    with unit_of_work() as session:
        record_access(session, access, actor=actor, channel=channel)


def accesses(session: Session, *, subject: tuple[str, str] | None = None,
             object_: tuple[str, str] | None = None, actor: str | None = None,
             limit: int = 500) -> list[AccessView]:
    """The accesses about a subject (``("file", number)``), an object or by an actor,
    newest first."""
    query = select(AccessRecord)
    if subject is not None:
        query = query.where(AccessRecord.subject_type == subject[0],
                            AccessRecord.subject_id == subject[1])
    if object_ is not None:
        query = query.where(AccessRecord.object_type == object_[0],
                            AccessRecord.object_id == object_[1])
    if actor is not None:
        query = query.where(AccessRecord.actor == actor)
    return _views(session, query, limit)


def accesses_about(session: Session, *, subjects: Mapping[str, Collection[str]],
                   objects: Mapping[str, Collection[str]] | None = None,
                   limit: int = 500) -> list[AccessView]:
    """The accesses whose subject is one of ``subjects`` (type → ids, e.g. ``{"file":
    numbers}``) or whose object is one of ``objects`` (the same), newest first."""
    matches: list[ColumnElement[bool]] = []
    for column_type, column_id, wanted in (
            (AccessRecord.subject_type, AccessRecord.subject_id, subjects),
            (AccessRecord.object_type, AccessRecord.object_id, objects or {})):
        matches += [and_(column_type == kind, column_id.in_([str(i) for i in ids]))
                    for kind, ids in wanted.items() if ids]
    if not matches:
        return []
    return _views(session, select(AccessRecord).where(or_(*matches)), limit)


def access_log_started(session: Session) -> datetime | None:
    """When the first access was logged (None while the log is empty): before it, reads
    were only recorded as hourly events of the chained log."""
    return session.scalar(select(func.min(AccessRecord.accessed_at)))


def _views(session: Session, query: Select[Any], limit: int) -> list[AccessView]:
    rows = session.scalars(query.order_by(AccessRecord.id.desc()).limit(limit))
    return [AccessView(r.accessed_at, r.actor, r.action, r.object_type, r.object_id,
                       r.subject_type, r.subject_id, r.unit_code, r.channel) for r in rows]
