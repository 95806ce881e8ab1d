"""Deadlines of subjects of other contexts (a file's resolution term, a requirement to
the citizen, a hearing): start, suspend, resume, extend, mark met, read with days left.
The due day is always counted again from the start, the term, the extensions and the
suspensions, in the city's calendar (domain.term_end)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.deadlines.domain import (
    OPEN_STATES,
    DeadlineState,
    InvalidTerm,
    OutsideCalendar,
    Pause,
    Term,
    TermUnit,
    WorkingCalendar,
    check_extension,
    days_left,
    days_left_when_suspended,
    term_end,
)
from eoffice.deadlines.errors import (
    CalendarNotCovered,
    InvalidDay,
    InvalidExtension,
    InvalidTermError,
    NotRunning,
    UnknownDeadline,
)
from eoffice.deadlines.models import Deadline, Extension, Suspension
from eoffice.deadlines.services.calendar import working_calendar
from eoffice.shared.clock import utcnow
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_today

KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SILENCE_EFFECTS = frozenset({"approval", "refusal"})


@dataclass(frozen=True)
class NewDeadline:
    """What a context asks for: ``file`` 42's ``resolution`` term of 3 months from the
    day of entry, with the procedure's silence effect."""

    subject_kind: str
    subject_id: str
    kind: str
    started_on: date
    term: Term | Mapping[str, Any]
    silence_effect: str | None = None


@dataclass(frozen=True)
class DeadlineView:
    """A deadline as other contexts see it; ``days_left`` as of the day asked (working
    days for business-day terms; frozen while suspended; None once met or expired)."""

    id: int
    subject_kind: str
    subject_id: str
    kind: str
    started_on: date
    term: Term
    extension: int
    due_on: date | None
    state: DeadlineState
    silence_effect: str | None
    closed_on: date | None
    suspensions: tuple[Pause, ...]
    days_left: int | None


def _pauses(session: Session, row: Deadline) -> list[Pause]:
    rows = session.scalars(select(Suspension).where(Suspension.deadline_id == row.id)
                           .order_by(Suspension.first_day))
    return [Pause(s.first_day, s.last_day) for s in rows]


def _term(row: Deadline) -> Term:
    return Term(row.term_value, TermUnit(row.term_unit))


def _count(row: Deadline, pauses: Sequence[Pause], calendar: WorkingCalendar) -> date:
    try:
        return term_end(row.started_on, _term(row).extended(row.extension), calendar, pauses)
    except OutsideCalendar as exc:
        raise CalendarNotCovered(_("The calendar has no holidays for %(year)s.",
                                   year=exc.year), year=exc.year) from exc


def _view(session: Session, row: Deadline, calendar: WorkingCalendar,
          today: date | None) -> DeadlineView:
    pauses = _pauses(session, row)
    today = today or local_today()
    left: int | None = None
    if row.state == DeadlineState.RUNNING and row.due_on is not None:
        left = days_left(today, row.due_on, _term(row).unit, calendar)
    elif row.state == DeadlineState.SUSPENDED:
        closed = [pause for pause in pauses if pause.last is not None]
        first = next(pause.first for pause in pauses if pause.last is None)
        left = days_left_when_suspended(first, _count(row, closed, calendar),
                                        _term(row).unit, calendar)
    return DeadlineView(
        id=row.id, subject_kind=row.subject_kind, subject_id=row.subject_id, kind=row.kind,
        started_on=row.started_on, term=_term(row), extension=row.extension,
        due_on=row.due_on, state=DeadlineState(row.state), silence_effect=row.silence_effect,
        closed_on=row.closed_on, suspensions=tuple(pauses), days_left=left)


def _locked(session: Session, deadline_id: int) -> Deadline:
    row = session.get(Deadline, deadline_id, with_for_update=True)
    if row is None:
        raise UnknownDeadline()
    return row


def _audit(session: Session, row: Deadline, action: str, actor: str, **data: Any) -> None:
    audit.record_event(session, f"deadlines.deadline_{action}", actor=actor,
                       object_type="deadline", object_id=str(row.id),
                       data={"subject_kind": row.subject_kind, "subject_id": row.subject_id,
                             "kind": row.kind, "due_on": row.due_on and row.due_on.isoformat(),
                             **data})


def _checked(new: NewDeadline) -> Term:
    if not (KEY.match(new.subject_kind) and KEY.match(new.kind)
            and 0 < len(new.subject_id) <= 64):
        raise InvalidTermError(_("Subject kind and kind are snake_case keys; the subject id "
                                 "has 1 to 64 characters."))
    if new.silence_effect is not None and new.silence_effect not in SILENCE_EFFECTS:
        raise InvalidTermError(_("The silence effect is approval or refusal."))
    try:
        return new.term if isinstance(new.term, Term) else Term.parse(new.term)
    except InvalidTerm as exc:
        raise InvalidTermError(str(exc)) from exc


def start_deadline(session: Session, new: NewDeadline, *, actor: str,
                   today: date | None = None) -> DeadlineView:
    """Start counting ``new.term`` from the day after ``new.started_on``."""
    term = _checked(new)
    calendar = working_calendar(session)
    row = Deadline(subject_kind=new.subject_kind, subject_id=new.subject_id, kind=new.kind,
                   started_on=new.started_on, term_value=term.value, term_unit=term.unit,
                   extension=0, state=DeadlineState.RUNNING,
                   silence_effect=new.silence_effect, created_at=utcnow(), created_by=actor)
    row.due_on = _count(row, [], calendar)
    session.add(row)
    session.flush()
    _audit(session, row, "started", actor, term=term.as_dict())
    return _view(session, row, calendar, today)


def suspend_deadline(session: Session, deadline_id: int, *, on: date, reason: str,
                     actor: str) -> DeadlineView:
    """Stop the count from ``on`` (that day included) until it resumes."""
    row = _locked(session, deadline_id)
    if row.state != DeadlineState.RUNNING:
        raise NotRunning()
    assert row.due_on is not None
    latest = max((p.last for p in _pauses(session, row) if p.last), default=row.started_on)
    if not latest < on <= row.due_on:
        raise InvalidDay(_("A suspension starts after the term started (and after the last "
                           "suspension) and no later than the due day %(due)s.",
                           due=row.due_on.isoformat()))
    session.add(Suspension(deadline_id=row.id, first_day=on, reason=reason.strip()[:2000],
                           suspended_by=actor))
    row.state, row.due_on = DeadlineState.SUSPENDED, None
    session.flush()
    _audit(session, row, "suspended", actor, on=on.isoformat(), reason=reason[:2000])
    return _view(session, row, working_calendar(session), None)


def resume_deadline(session: Session, deadline_id: int, *, on: date, actor: str
                    ) -> DeadlineView:
    """End the open suspension on ``on`` (that day still does not count): the count goes
    on the day after with the days that were left."""
    row = _locked(session, deadline_id)
    if row.state != DeadlineState.SUSPENDED:
        raise NotRunning()
    pause = session.scalar(select(Suspension).where(Suspension.deadline_id == row.id,
                                                    Suspension.last_day.is_(None)))
    assert pause is not None
    if on < pause.first_day:
        raise InvalidDay(_("A suspension cannot end before it started (%(first)s).",
                           first=pause.first_day.isoformat()))
    pause.last_day, pause.resumed_by = on, actor
    session.flush()
    calendar = working_calendar(session)
    row.state, row.due_on = DeadlineState.RUNNING, _count(row, _pauses(session, row), calendar)
    _audit(session, row, "resumed", actor, on=on.isoformat())
    return _view(session, row, calendar, None)


def extend_deadline(session: Session, deadline_id: int, *, by: int, on: date, reason: str,
                    actor: str) -> DeadlineView:
    """Art. 32: extend by ``by`` units of the term, granted on ``on`` before it expires;
    all extensions together at most half the original term."""
    row = _locked(session, deadline_id)
    if row.state not in OPEN_STATES:
        raise NotRunning()
    if row.due_on is not None and on > row.due_on:
        raise InvalidDay(_("An extension is granted before the term expires (%(due)s).",
                           due=row.due_on.isoformat()))
    try:
        row.extension = check_extension(_term(row), [row.extension], by)
    except InvalidTerm as exc:
        raise InvalidExtension(str(exc), max_extension=_term(row).max_extension) from exc
    session.add(Extension(deadline_id=row.id, value=by, granted_on=on,
                          reason=reason.strip()[:2000], granted_by=actor))
    calendar = working_calendar(session)
    if row.state == DeadlineState.RUNNING:
        row.due_on = _count(row, _pauses(session, row), calendar)
    session.flush()
    _audit(session, row, "extended", actor, by=by, reason=reason[:2000])
    return _view(session, row, calendar, None)


def mark_met(session: Session, deadline_id: int, *, on: date, actor: str) -> DeadlineView:
    """The act the term was for happened on ``on`` (resolution notified, answer filed)."""
    row = _locked(session, deadline_id)
    if row.state not in OPEN_STATES:
        raise NotRunning()
    open_pause = session.scalar(select(Suspension).where(Suspension.deadline_id == row.id,
                                                         Suspension.last_day.is_(None)))
    if open_pause is not None:
        open_pause.last_day, open_pause.resumed_by = max(on, open_pause.first_day), actor
    row.state, row.closed_on = DeadlineState.MET, on
    session.flush()
    _audit(session, row, "met", actor, on=on.isoformat())
    return _view(session, row, working_calendar(session), None)


def get_deadline(session: Session, deadline_id: int, *, today: date | None = None
                 ) -> DeadlineView:
    row = session.get(Deadline, deadline_id)
    if row is None:
        raise UnknownDeadline()
    return _view(session, row, working_calendar(session), today)


def list_deadlines(session: Session, subject_kind: str, subject_id: str, *,
                   today: date | None = None) -> list[DeadlineView]:
    """Every deadline of a subject, oldest first."""
    calendar = working_calendar(session)
    rows = session.scalars(select(Deadline).where(Deadline.subject_kind == subject_kind,
                                                  Deadline.subject_id == subject_id)
                           .order_by(Deadline.id))
    return [_view(session, row, calendar, today) for row in rows]


def latest_of_kind(session: Session, subject_kind: str, subject_ids: Sequence[str],
                   kind: str, *, today: date | None = None) -> dict[str, DeadlineView]:
    """The latest deadline of ``kind`` of each subject (by id) that has one: one query
    and one calendar for a whole page of subjects (lists), not one per subject."""
    if not subject_ids:
        return {}
    rows = session.scalars(select(Deadline).where(
        Deadline.subject_kind == subject_kind, Deadline.kind == kind,
        Deadline.subject_id.in_(sorted(set(subject_ids)))).order_by(Deadline.id))
    latest = {row.subject_id: row for row in rows}  # the last one started wins
    if not latest:
        return {}
    calendar = working_calendar(session)
    return {subject: _view(session, row, calendar, today) for subject, row in latest.items()}


def refresh_running(session: Session, *, since: date, actor: str) -> int:
    """Count again the running deadlines that end on or after ``since`` (the calendar
    changed); returns how many moved."""
    calendar = working_calendar(session)
    moved = 0
    for row in session.scalars(select(Deadline).where(
            Deadline.state == DeadlineState.RUNNING, Deadline.due_on >= since,
            Deadline.started_on < since).with_for_update()):
        due = _count(row, _pauses(session, row), calendar)
        if due != row.due_on:
            before, row.due_on = row.due_on, due
            _audit(session, row, "recounted", actor,
                   before=before and before.isoformat(), reason="calendar changed")
            moved += 1
    return moved
