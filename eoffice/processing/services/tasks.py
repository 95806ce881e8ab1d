"""User tasks as clerks see them: the list of their units' open tasks, claiming,
unclaiming, reassigning (with a reason) and completing one, and bulk actions on several,
each checked against the lane's unit and role.

A principal acts on a task when they hold ``files.process`` in the task's unit (or a unit
above it) and the lane's role; a task of a unit they cannot process is not revealed (404),
one of their unit for another role is refused (403). Reassigning is for whoever holds the
task, or a head (role ``head``) with ``files.process`` in its unit, who may reassign any
open task of the unit, claimed or not; the new holder must be someone who could claim it.
Bulk actions are all or nothing (:class:`BulkRefused` names every refused task)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.identity import Permission, Principal, RoleGrant
from eoffice.processing.errors import (
    BulkRefused,
    NotTaskHolder,
    NotYourLane,
    TaskClaimed,
    TaskNotReady,
    UnknownTask,
)
from eoffice.processing.models import ProcessInstance, TaskState, UserTask
from eoffice.processing.services import instances
from eoffice.shared.errors import DomainError, FieldError, ValidationFailed
from eoffice.shared.i18n import _

HEAD_ROLE = "head"
MAX_REASON = 1000
MAX_BULK = 200
BULK_ACTIONS = ("claim", "release", "reassign")


COUNT_CAP = 10_000
"""The task list counts at most this many tasks (a count visits every row it counts)."""


@dataclass(frozen=True)
class TaskPage:
    items: list[tuple[UserTask, ProcessInstance]]
    total: int
    total_capped: bool = False  # more than ``total`` (:data:`COUNT_CAP`) open tasks


def get_task_for(session: Session, task_id: str, principal: Principal, *,
                 for_update: bool = False) -> UserTask:
    """The task, if ``principal`` may act on it (404 otherwise; 403 for another role)."""
    row = session.get(UserTask, task_id, with_for_update=for_update or None)
    if row is None or not principal.can(Permission.PROCESS_FILES, unit=row.unit_code):
        raise UnknownTask()
    if not principal.has_role(row.role, unit=row.unit_code):
        raise NotYourLane()
    return row


def _open(row: UserTask, principal: Principal) -> None:
    if row.state != TaskState.OPEN:
        raise TaskNotReady()
    if row.claimed_by is not None and row.claimed_by != principal.login:
        raise TaskClaimed()


def _reason_data(reason: str | None) -> dict[str, str] | None:
    return {"reason": reason} if reason else None


def claim_task(session: Session, task_id: str, principal: Principal, *,
               reason: str | None = None) -> UserTask:
    row = get_task_for(session, task_id, principal, for_update=True)
    _open(row, principal)
    if row.claimed_by != principal.login:
        row.claimed_by = principal.login
        audit.record_event(session, "processing.task_claimed", actor=principal.login,
                           object_type="process_task", object_id=row.id,
                           unit_code=row.unit_code, data=_reason_data(reason))
    return row


def unclaim_task(session: Session, task_id: str, principal: Principal, *,
                 reason: str | None = None) -> UserTask:
    row = get_task_for(session, task_id, principal, for_update=True)
    _open(row, principal)
    if row.claimed_by is not None:
        row.claimed_by = None
        audit.record_event(session, "processing.task_unclaimed", actor=principal.login,
                           object_type="process_task", object_id=row.id,
                           unit_code=row.unit_code, data=_reason_data(reason))
    return row


def check_reason(reason: str | None) -> str:
    """The reason, trimmed: required, at most :data:`MAX_REASON` characters (422)."""
    text = (reason or "").strip()
    if not text:
        raise ValidationFailed(errors=[FieldError("reason", _("Give a reason."), "required")])
    if len(text) > MAX_REASON:
        raise ValidationFailed(errors=[FieldError(
            "reason", _("The reason is longer than %(max)s characters.", max=MAX_REASON),
            "too_long")])
    return text


def may_take(session: Session, login: str, task: UserTask) -> bool:
    """Whether ``login`` could claim ``task``: an active account with ``files.process``
    in its unit and the lane's role (as :func:`get_task_for` asks of a principal)."""
    try:
        account = identity.get_account(session, login)
    except DomainError:
        return False
    if not account.is_active:
        return False
    holder = identity.load_principal(session, account, authenticated_by="assignment")
    return (holder.can(Permission.PROCESS_FILES, unit=task.unit_code)
            and holder.has_role(task.role, unit=task.unit_code))


def reassign_task(session: Session, task_id: str, principal: Principal, *,
                  to_login: str | None, reason: str) -> UserTask:
    """Give an open task to ``to_login`` (None: back to the unit, unclaimed), with a
    reason kept in the audit event ``processing.task_reassigned``. Whoever holds the task
    or a head of its unit may do it (403 otherwise); the new holder must be able to claim
    it (422 on ``to``)."""
    text = check_reason(reason)
    row = session.get(UserTask, task_id, with_for_update=True)
    if row is None or not principal.can(Permission.PROCESS_FILES, unit=row.unit_code):
        raise UnknownTask()
    if row.state != TaskState.OPEN:
        raise TaskNotReady()
    if row.claimed_by != principal.login and not principal.has_role(HEAD_ROLE,
                                                                     unit=row.unit_code):
        raise NotTaskHolder()
    if to_login is not None and not may_take(session, to_login, row):
        raise ValidationFailed(errors=[FieldError(
            "to", _("This person cannot take the task: they do not process files of its "
                    "unit in the role of its lane."), "processing.not_eligible")])
    if row.claimed_by == to_login:
        return row
    previous, row.claimed_by = row.claimed_by, to_login
    audit.record_event(session, "processing.task_reassigned", actor=principal.login,
                       object_type="process_task", object_id=row.id, unit_code=row.unit_code,
                       data={"from": previous, "to": to_login, "reason": text})
    return row


def bulk_act(session: Session, task_ids: list[str], principal: Principal, *, action: str,
             reason: str, to_login: str | None = None) -> list[UserTask]:
    """``action`` (claim, release or reassign to ``to_login``) on every task, with a
    mandatory reason: all or nothing. One refused task and nothing changes;
    :class:`BulkRefused` names each refused task (field) with its code and why."""
    text = check_reason(reason)
    if action not in BULK_ACTIONS:
        raise ValidationFailed(errors=[FieldError("action", _("Choose an action."),
                                                  "invalid")])
    unique = list(dict.fromkeys(task_ids))
    if not unique or len(unique) > MAX_BULK:
        raise ValidationFailed(errors=[FieldError(
            "tasks", _("Choose between 1 and %(max)s tasks.", max=MAX_BULK), "invalid")])
    done: list[UserTask] = []
    refused: list[FieldError] = []
    with session.begin_nested():  # raising inside rolls every task back
        for task_id in unique:
            try:
                done.append(_act_on(session, task_id, principal, action=action,
                                    reason=text, to_login=to_login))
            except DomainError as exc:
                first = exc.errors[0] if exc.errors else None
                refused.append(FieldError(task_id, first.message if first else str(exc.title),
                                          first.code if first else exc.code))
        if refused:
            raise BulkRefused(errors=refused)
    return done


def _act_on(session: Session, task_id: str, principal: Principal, *, action: str,
            reason: str, to_login: str | None) -> UserTask:
    if action == "claim":
        return claim_task(session, task_id, principal, reason=reason)
    if action == "release":
        return unclaim_task(session, task_id, principal, reason=reason)
    return reassign_task(session, task_id, principal, to_login=to_login, reason=reason)


def complete_task(session: Session, task_id: str, principal: Principal, *,
                  data: dict[str, Any], expected_version: int | None = None) -> UserTask:
    """Complete the task with ``data``: 409 when it is no longer open, claimed by someone
    else, or its instance changed meanwhile (``expected_version``, or a concurrent write)."""
    row = get_task_for(session, task_id, principal)
    _open(row, principal)
    instances.complete(session, row, principal=principal, data=data,
                       expected_version=expected_version)
    return row


def _one_of(column: Any, values: list[str]) -> Any:
    """``column = value`` for one value (an index range the planner reads in order),
    ``column IN (...)`` for several."""
    return column == values[0] if len(values) == 1 else column.in_(values)


def _lanes_of(principal: Principal, units: frozenset[str] | None
              ) -> dict[str, frozenset[str] | None]:
    """Role → the units (None: any) where the principal processes files in that role: a
    role counts only in the units it was given for (and below)."""
    lanes: dict[str, frozenset[str] | None] = {}
    grants = principal.role_grants or tuple(
        RoleGrant(role, None) for role in principal.roles)  # principals built by hand
    for grant in grants:
        where = grant.units if units is None else (
            units if grant.units is None else grant.units & units)
        if where is not None and not where:
            continue  # a role held only where the principal processes no files
        if grant.role not in lanes:
            lanes[grant.role] = where
        else:
            known = lanes[grant.role]
            lanes[grant.role] = None if known is None or where is None else known | where
    return lanes


def _lane_condition(lanes: dict[str, frozenset[str] | None]) -> Any:
    """``unit IN (...) AND role = ...`` for each role (one clause: the index's order)."""
    clauses = [and_(*([] if where is None else [_one_of(UserTask.unit_code, sorted(where))]),
                    UserTask.role == role) for role, where in sorted(lanes.items())]
    if len(clauses) > 1 and len({where for where in lanes.values()}) == 1:
        where = next(iter(lanes.values()))  # the same units for every role: one range
        return and_(*([] if where is None else [_one_of(UserTask.unit_code, sorted(where))]),
                    _one_of(UserTask.role, sorted(lanes)))
    return clauses[0] if len(clauses) == 1 else or_(*clauses)


def list_tasks_for(session: Session, principal: Principal, *, page: int,
                   page_size: int) -> TaskPage:
    """Open tasks of the principal's units and roles, soonest due first (undated last, then
    by creation). The page's ids come from the index ``ix_processing_task_list`` alone: for
    one unit and one role in its order, the offset walking the index; for several, the
    matching entries sorted (a top-N sort). The page's rows are fetched after. The total
    counts at most :data:`COUNT_CAP` tasks (``total_capped`` when there are more)."""
    units = principal.units_with(Permission.PROCESS_FILES)
    lanes = _lanes_of(principal, units)
    if not lanes:
        return TaskPage(items=[], total=0)
    conditions = [UserTask.state == TaskState.OPEN, _lane_condition(lanes)]
    counted = session.scalar(select(func.count()).select_from(
        select(UserTask.id).where(*conditions).limit(COUNT_CAP + 1).subquery())) or 0
    order = (UserTask.due_order, UserTask.created_at, UserTask.id)
    ids = (select(UserTask.id).where(*conditions).order_by(*order)
           .offset((page - 1) * page_size).limit(page_size).subquery())
    rows = session.execute(
        select(UserTask, ProcessInstance)
        .join(ids, ids.c.id == UserTask.id)
        .join(ProcessInstance, ProcessInstance.id == UserTask.instance_id)
        .order_by(*order)
    ).all()
    return TaskPage(items=[(task, instance) for task, instance in rows],
                    total=min(counted, COUNT_CAP), total_capped=counted > COUNT_CAP)
