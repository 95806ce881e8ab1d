"""Process instances: starting one for a subject, running it until it waits (for people,
messages or timers), saving its state with the open-task projection, and completing a
user task. Everything happens in the caller's transaction; the instance's ``version``
column makes a concurrent writer fail with a conflict instead of losing an update."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.specs.defaults import UserTask as SpiffUserTask
from SpiffWorkflow.util.task import TaskState as SpiffState
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from eoffice import audit
from eoffice.identity import Principal
from eoffice.processing import engine
from eoffice.processing.errors import InstanceChanged, StepFailed, TaskNotReady
from eoffice.processing.models import InstanceStatus, ProcessInstance, TaskState, UserTask
from eoffice.processing.operators import RunContext
from eoffice.processing.scripting import ScriptFailed, ScriptRefused, evaluate
from eoffice.processing.services import completion
from eoffice.processing.services.repository import get_latest_version
from eoffice.processing.services.specs import build_specs
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.numbers import whole_number

UNKNOWN_TIMER_RETRY = timedelta(minutes=1)


def run_context(session: Session, row: ProcessInstance, actor: str) -> RunContext:
    """What the operators of ``row``'s steps may use (also for migration's re-runs)."""
    return RunContext(session=session, instance_id=row.id, subject_kind=row.subject_kind,
                      subject_id=row.subject_id, unit_code=row.unit_code, actor=actor)


def _failed(exc: engine.StepFailed | SpiffWorkflowException) -> StepFailed:
    """The step's failure as the problem the clerk sees; a database failure underneath (a
    lost connection, a deadlock) is raised as itself: the request fails as the database
    did (5xx, retried), never as a fault of the process model."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DBAPIError):
            raise cause
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, engine.StepFailed):
        return StepFailed(exc.cause, errors=[FieldError(exc.element_id, exc.cause,
                                                        StepFailed.code)])
    element = getattr(getattr(exc, "task_spec", None), "bpmn_id", None) or "process"
    return StepFailed(str(exc)[:300], errors=[FieldError(str(element), str(exc)[:300],
                                                         StepFailed.code)])


def run_until_waiting(workflow: BpmnWorkflow) -> None:
    """Engine steps, then fire due timers and step again (StepFailed on a failing step)."""
    try:
        engine.run_engine(workflow)
        workflow.refresh_timers()
        engine.run_engine(workflow)
    except (engine.StepFailed, SpiffWorkflowException) as exc:
        raise _failed(exc) from exc


def _waits_for_a_timer(definition: Any) -> bool:
    """A timer event, or an event-based gateway (several events) racing a timer."""
    if isinstance(definition, TimerEventDefinition):
        return True
    return isinstance(definition, MultipleEventDefinition) and any(
        isinstance(member, TimerEventDefinition) for member in definition.event_definitions)


def _wake_at(workflow: BpmnWorkflow) -> datetime | None:
    """When the next timer of the workflow is due (None: no timer waits)."""
    moments: list[datetime] = []
    for task in engine.tasks_in(workflow, SpiffState.WAITING):
        if not _waits_for_a_timer(getattr(task.task_spec, "event_definition", None)):
            continue
        value = task._get_internal_data("event_value")
        try:
            moments.append(TimerEventDefinition.get_datetime(value))
        except (TypeError, ValueError):
            moments.append(utcnow() + UNKNOWN_TIMER_RETRY)
    return min(moments, default=None)


def assignment(row: ProcessInstance, task: Any) -> tuple[str, str, dict[str, Any]]:
    """(unit, role, lane mapping) of a ready user task: the lane's unit evaluated."""
    spec_id = task.task_spec.bpmn_id
    mapping = row.user_tasks.get(spec_id)
    if mapping is None:
        raise StepFailed(errors=[FieldError(spec_id, "the user task has no lane mapping",
                                            StepFailed.code)])
    unit = mapping["unit"]
    if unit.startswith("="):
        try:
            unit = str(evaluate(unit[1:], task.data))
        except (ScriptFailed, ScriptRefused) as exc:
            raise StepFailed(errors=[FieldError(mapping["lane"], f"unit of the lane: {exc}",
                                                StepFailed.code)]) from None
    return unit, mapping["role"], mapping


def _due_at(task: Any, now: datetime) -> datetime | None:
    days = task.task_spec.extensions.get("properties", {}).get("due_in_days")
    count = whole_number(str(days), max_digits=5) if days else None
    return now + timedelta(days=count) if count is not None else None


def _project_tasks(session: Session, row: ProcessInstance, workflow: BpmnWorkflow) -> None:
    """Open a projection row for every new ready user task; cancel those gone."""
    now = utcnow()
    ready = {str(task.id): task for task in engine.tasks_in(workflow, SpiffState.READY)
             if isinstance(task.task_spec, SpiffUserTask)}
    open_rows = session.scalars(select(UserTask).where(
        UserTask.instance_id == row.id, UserTask.state == TaskState.OPEN)).all()
    for existing in open_rows:
        if existing.id not in ready:
            existing.state = TaskState.CANCELLED
            existing.completed_at = now
    known = {existing.id for existing in open_rows}
    for task_id, task in ready.items():
        if task_id in known:
            continue
        unit, role, mapping = assignment(row, task)
        session.add(UserTask(
            id=task_id, instance_id=row.id, spec_id=task.task_spec.bpmn_id,
            name=str(task.task_spec.bpmn_name or task.task_spec.bpmn_id)[:300],
            lane=mapping.get("lane_name") or mapping.get("lane"), unit_code=unit, role=role,
            form=mapping.get("form"), due_at=_due_at(task, now), state=TaskState.OPEN,
            created_at=now))


def save(session: Session, row: ProcessInstance, workflow: BpmnWorkflow) -> None:
    """Keep the workflow's state on the instance and refresh its task projection."""
    _project_tasks(session, row, workflow)
    row.state = engine.dump(workflow)
    row.status = InstanceStatus.COMPLETED if workflow.completed else InstanceStatus.RUNNING
    row.wake_at = None if workflow.completed else _wake_at(workflow)
    row.error = None
    row.updated_at = utcnow()
    try:
        session.flush()
    except StaleDataError:
        raise InstanceChanged() from None


def start_instance(session: Session, *, model_key: str, subject_kind: str, subject_id: str,
                   unit_code: str | None, data: dict[str, Any] | None = None,
                   actor: str) -> ProcessInstance:
    """Start the latest version of ``model_key`` for a subject (e.g. a file) and run it
    until it waits. Process variables: ``data`` plus ``unit`` (the subject's unit),
    ``subject_kind`` and ``subject_id``."""
    version = get_latest_version(session, model_key)
    specs = build_specs(session, version)
    now = utcnow()
    row = ProcessInstance(
        id=str(uuid.uuid4()), model_version_id=version.id, model_key=version.key,
        model_sha256=version.sha256, pins=specs.pins, subject_kind=subject_kind,
        subject_id=subject_id, unit_code=unit_code, status=InstanceStatus.RUNNING,
        state="", user_tasks=specs.user_tasks, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    workflow = BpmnWorkflow(specs.spec, specs.subprocess_specs,
                            script_engine=engine.SafeScriptEngine(
                                context=run_context(session, row, actor)))
    variables = {**(data or {}), "unit": unit_code, "subject_kind": subject_kind,
                 "subject_id": subject_id}
    for task in engine.tasks_in(workflow, SpiffState.READY):
        task.data.update(variables)
    run_until_waiting(workflow)
    save(session, row, workflow)
    audit.record_event(session, "processing.instance_started", actor=actor,
                       object_type="process_instance", object_id=row.id, unit_code=unit_code,
                       data={"model": f"{version.key}/{version.version}",
                             "sha256": version.sha256, "subject": f"{subject_kind}:{subject_id}"})
    return row


def load_workflow(session: Session, row: ProcessInstance, actor: str) -> BpmnWorkflow:
    return engine.restore(row.state, context=run_context(session, row, actor))


def complete(session: Session, task_row: UserTask, *, principal: Principal,
             data: dict[str, Any], expected_version: int | None = None) -> ProcessInstance:
    """Complete an open user task with ``data`` (its process variables) and run on."""
    row = session.get(ProcessInstance, task_row.instance_id)
    if row is None or row.status != InstanceStatus.RUNNING:
        raise TaskNotReady()
    if expected_version is not None and expected_version != row.version:
        raise InstanceChanged()
    workflow = load_workflow(session, row, principal.login)
    task = engine.find_task(workflow, uuid.UUID(task_row.id))  # None once pruned
    if task is None or task.state != SpiffState.READY:
        raise TaskNotReady()
    contract = completion.contract_of(task_row.form, row.user_tasks.get(task_row.spec_id))
    task.data.update(completion.check_completion(session, contract, data))
    try:
        task.run()
    except (engine.StepFailed, SpiffWorkflowException) as exc:
        raise _failed(exc) from exc
    run_until_waiting(workflow)
    task_row.state = TaskState.COMPLETED
    task_row.completed_by = principal.login
    task_row.completed_at = utcnow()
    save(session, row, workflow)
    audit.record_event(session, "processing.task_completed", actor=principal.login,
                       object_type="process_task", object_id=task_row.id,
                       unit_code=task_row.unit_code,
                       data={"instance": row.id, "task": task_row.spec_id})
    return row
