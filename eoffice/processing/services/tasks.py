"""User tasks as clerks see them: the list of their units' open tasks, claiming,
unclaiming and completing one, each checked against the lane's unit and role.

A principal acts on a task when they hold ``files.process`` in the task's unit (or a unit
above it) and the lane's role; a task of a unit they cannot process is not revealed (404),
one of their unit for another role is refused (403)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity import Permission, Principal
from eoffice.processing.errors import NotYourLane, TaskClaimed, TaskNotReady, UnknownTask
from eoffice.processing.models import ProcessInstance, TaskState, UserTask
from eoffice.processing.services import instances


@dataclass(frozen=True)
class TaskPage:
    items: list[tuple[UserTask, ProcessInstance]]
    total: int


def get_task_for(session: Session, task_id: str, principal: Principal, *,
                 for_update: bool = False) -> UserTask:
    """The task, if ``principal`` may act on it (404 otherwise; 403 for another role)."""
    row = session.get(UserTask, task_id, with_for_update=for_update or None)
    if row is None or not principal.can(Permission.PROCESS_FILES, unit=row.unit_code):
        raise UnknownTask()
    if row.role not in principal.roles:
        raise NotYourLane()
    return row


def _open(row: UserTask, principal: Principal) -> None:
    if row.state != TaskState.OPEN:
        raise TaskNotReady()
    if row.claimed_by is not None and row.claimed_by != principal.login:
        raise TaskClaimed()


def claim_task(session: Session, task_id: str, principal: Principal) -> UserTask:
    row = get_task_for(session, task_id, principal, for_update=True)
    _open(row, principal)
    if row.claimed_by != principal.login:
        row.claimed_by = principal.login
        audit.record_event(session, "processing.task_claimed", actor=principal.login,
                           object_type="process_task", object_id=row.id,
                           unit_code=row.unit_code)
    return row


def unclaim_task(session: Session, task_id: str, principal: Principal) -> UserTask:
    row = get_task_for(session, task_id, principal, for_update=True)
    _open(row, principal)
    if row.claimed_by is not None:
        row.claimed_by = None
        audit.record_event(session, "processing.task_unclaimed", actor=principal.login,
                           object_type="process_task", object_id=row.id,
                           unit_code=row.unit_code)
    return row


def complete_task(session: Session, task_id: str, principal: Principal, *,
                  data: dict[str, Any], expected_version: int | None = None) -> UserTask:
    """Complete the task with ``data``: 409 when it is no longer open, claimed by someone
    else, or its instance changed meanwhile (``expected_version``, or a concurrent write)."""
    row = get_task_for(session, task_id, principal)
    _open(row, principal)
    instances.complete(session, row, principal=principal, data=data,
                       expected_version=expected_version)
    return row


def list_tasks_for(session: Session, principal: Principal, *, page: int,
                   page_size: int) -> TaskPage:
    """Open tasks of the principal's units and roles, soonest due first."""
    units = principal.units_with(Permission.PROCESS_FILES)
    query = select(UserTask).where(UserTask.state == TaskState.OPEN,
                                   UserTask.role.in_(sorted(principal.roles)))
    if units is not None:
        query = query.where(UserTask.unit_code.in_(sorted(units)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.add_columns(ProcessInstance)
        .join(ProcessInstance, ProcessInstance.id == UserTask.instance_id)
        .order_by(UserTask.due_at.is_(None), UserTask.due_at, UserTask.created_at,
                  UserTask.id)
        .offset((page - 1) * page_size).limit(page_size)
    ).all()
    return TaskPage(items=[(task, instance) for task, instance in rows], total=total)
