"""Overdue subjects for counts in other contexts: a ``select()`` of the ids of subjects
of one kind with a deadline past its end (running with its due day gone, or expired), to
be used inside another context's query (``id IN (...)``) so that counting stays in SQL."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import Select, and_, or_, select

from eoffice.deadlines.domain import DeadlineState
from eoffice.deadlines.models import Deadline


def overdue_subjects(subject_kind: str, *, today: date,
                     kinds: Collection[str] | None = None) -> Select[str]:
    """Ids of ``subject_kind`` subjects with a deadline (of ``kinds``, when given) running
    past its due day on ``today`` or expired (not met): a subquery, not a list."""
    query = select(Deadline.subject_id).where(Deadline.subject_kind == subject_kind)
    if kinds is not None:
        query = query.where(Deadline.kind.in_(sorted(kinds)))
    return (query
            .where(
                   or_(and_(Deadline.state == DeadlineState.RUNNING.value,
                            Deadline.due_on < today),
                       Deadline.state == DeadlineState.EXPIRED.value)))
