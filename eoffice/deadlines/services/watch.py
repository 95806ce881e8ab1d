"""The worker job ``deadlines.watch``: deadlines whose last day has passed expire (outbox
``deadlines.deadline_expired``, so processing can act on silence), resolution terms that
end within the warning days are announced once per due day (``deadlines.deadline_near``),
and the calendar is seeded for this year and the next when it lacks them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.deadlines.domain import DeadlineState, TermUnit, days_left
from eoffice.deadlines.models import Deadline
from eoffice.deadlines.services.calendar import covered_years, working_calendar
from eoffice.deadlines.services.holidays import seed_holidays
from eoffice.shared import outbox
from eoffice.shared.localtime import local_today

WATCH_JOB = "deadlines.watch"
EXPIRED_TOPIC = "deadlines.deadline_expired"
NEAR_TOPIC = "deadlines.deadline_near"
WARNED_KINDS = frozenset({"resolution"})
DEFAULT_WARNING_DAYS = 5


def _payload(row: Deadline, **extra: Any) -> dict[str, Any]:
    return {"deadline_id": row.id, "subject_kind": row.subject_kind,
            "subject_id": row.subject_id, "kind": row.kind,
            "due_on": row.due_on.isoformat() if row.due_on else None,
            "silence_effect": row.silence_effect, **extra}


def _expire(session: Session, today: date) -> int:
    rows = session.scalars(select(Deadline).where(
        Deadline.state == DeadlineState.RUNNING, Deadline.due_on < today)
        .order_by(Deadline.due_on, Deadline.id).with_for_update())
    expired = 0
    for row in rows:
        row.state, row.closed_on = DeadlineState.EXPIRED, row.due_on
        outbox.enqueue(session, EXPIRED_TOPIC, _payload(row),
                       dedup_key=f"deadline-expired:{row.id}")
        audit.record_event(session, "deadlines.deadline_expired", actor="system",
                           object_type="deadline", object_id=str(row.id), data=_payload(row))
        expired += 1
    return expired


def _warn(session: Session, today: date, warning_days: int) -> int:
    calendar = working_calendar(session)
    rows = session.scalars(select(Deadline).where(
        Deadline.state == DeadlineState.RUNNING, Deadline.kind.in_(WARNED_KINDS),
        Deadline.due_on >= today, Deadline.due_on <= today + timedelta(days=warning_days))
        .with_for_update())
    warned = 0
    for row in rows:
        if row.due_on is None or row.warned_for == row.due_on:
            continue
        left = days_left(today, row.due_on, TermUnit(row.term_unit), calendar)
        outbox.enqueue(session, NEAR_TOPIC, _payload(row, days_left=left),
                       dedup_key=f"deadline-near:{row.id}:{row.due_on.isoformat()}")
        row.warned_for = row.due_on
        warned += 1
    return warned


def watch_deadlines(session: Session, *, today: date | None = None,
                    warning_days: int = DEFAULT_WARNING_DAYS) -> tuple[int, int]:
    """One pass in the caller's transaction: (expired, warned). Running it again the
    same day changes nothing more."""
    today = today or local_today()
    missing = {today.year, today.year + 1} - covered_years(session)
    if missing:
        seed_holidays(session, missing)
    return _expire(session, today), _warn(session, today, warning_days)
