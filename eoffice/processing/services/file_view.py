"""What the file page and the task list show of processing: the file's processes (model
and version, status), their open tasks and completed tasks (the timeline of tasks), the
ad-hoc actions the model allows now, and the term of resolution of the files of a task
list.

A model allows an ad-hoc action where an instance waits for a message whose name starts
with ``adhoc_`` (a non-interrupting boundary message event on a long task, an
event-based gateway branch, ...); the action's label is the event's name. Starting one
delivers that message (``deliver_message``, payload ``{"by": login}``) for whoever holds
``files.process`` in the file's responsible unit; a message no longer awaited changes
nothing (:class:`~eoffice.processing.errors.NoWaitingInstance`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.util.task import TaskState as SpiffState
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import deadlines, files
from eoffice.identity import Permission, Principal
from eoffice.processing import engine
from eoffice.processing.errors import NoWaitingInstance
from eoffice.processing.models import (
    InstanceStatus,
    ProcessInstance,
    ProcessModelVersion,
    TaskState,
    UserTask,
)
from eoffice.processing.services import instances, messages

ADHOC_PREFIX = "adhoc_"
RESOLUTION_KIND = "resolution"
NEAR_DAYS = 5


@dataclass(frozen=True)
class AdhocAction:
    """An ad-hoc action an instance waits for now: the message and the event's name."""

    message: str
    label: str


@dataclass(frozen=True)
class ProcessPanel:
    """One process of the file as the file page shows it."""

    instance_id: str
    model_key: str
    version: int
    status: str
    open_tasks: list[dict[str, Any]] = field(default_factory=list)
    completed_tasks: list[dict[str, Any]] = field(default_factory=list)
    actions: list[AdhocAction] = field(default_factory=list)


def adhoc_actions(workflow: Any) -> list[AdhocAction]:
    """The ``adhoc_`` messages the workflow waits for now, each once, in model order."""
    found: dict[str, AdhocAction] = {}
    for task in engine.tasks_in(workflow, SpiffState.WAITING):
        spec = task.task_spec
        definition = getattr(spec, "event_definition", None)
        for candidate in getattr(definition, "event_definitions", [definition]):
            if (isinstance(candidate, MessageEventDefinition)
                    and candidate.name.startswith(ADHOC_PREFIX)
                    and candidate.name not in found):
                label = str(getattr(spec, "bpmn_name", None) or candidate.name)
                found[candidate.name] = AdhocAction(message=candidate.name, label=label)
    return list(found.values())


def may_act_on_file(principal: Principal, brief: files.FileBrief) -> bool:
    """Ad-hoc actions are for those who process files in the file's responsible unit."""
    return brief.status == "open" and principal.can(Permission.PROCESS_FILES,
                                                     unit=brief.responsible_unit)


def _task_line(row: UserTask, principal: Principal) -> dict[str, Any]:
    may_act = (principal.can(Permission.PROCESS_FILES, unit=row.unit_code)
               and principal.has_role(row.role, unit=row.unit_code))
    return {"id": row.id, "name": row.name, "unit": row.unit_code, "role": row.role,
            "due_at": row.due_at, "claimed_by": row.claimed_by,
            "completed_by": row.completed_by, "completed_at": row.completed_at,
            "created_at": row.created_at, "may_act": may_act}


def _oldest_first(row: UserTask) -> tuple[datetime, datetime, str]:
    return (row.completed_at or row.created_at, row.created_at, row.id)


def processes_of_file(session: Session, brief: files.FileBrief,
                      principal: Principal) -> list[ProcessPanel]:
    """The file's processes, oldest first, with their tasks and (for those who may act on
    the file) the ad-hoc actions each waits for now."""
    rows = session.execute(
        select(ProcessInstance, ProcessModelVersion.version)
        .join(ProcessModelVersion, ProcessModelVersion.id == ProcessInstance.model_version_id)
        .where(ProcessInstance.subject_kind == "file", ProcessInstance.subject_id == brief.id)
        .order_by(ProcessInstance.created_at, ProcessInstance.id)).all()
    if not rows:
        return []
    task_rows = session.scalars(select(UserTask).where(
        UserTask.instance_id.in_([row.id for row, _version in rows]))).all()
    acting = may_act_on_file(principal, brief)
    panels = []
    for row, version in rows:
        mine = sorted((task for task in task_rows if task.instance_id == row.id),
                      key=_oldest_first)
        actions: list[AdhocAction] = []
        if acting and row.status == InstanceStatus.RUNNING:
            actions = adhoc_actions(instances.load_workflow(session, row, principal.login))
        panels.append(ProcessPanel(
            instance_id=row.id, model_key=row.model_key, version=version, status=row.status,
            open_tasks=[_task_line(t, principal) for t in mine if t.state == TaskState.OPEN],
            completed_tasks=[_task_line(t, principal) for t in mine
                             if t.state == TaskState.COMPLETED],
            actions=actions))
    return panels


def start_adhoc_action(session: Session, brief: files.FileBrief, message: str,
                       principal: Principal) -> list[str]:
    """Deliver the ad-hoc ``message`` to the file's processes waiting for it (404 for
    whoever may not act on the file; NoWaitingInstance when none waits: nothing changes)."""
    if not may_act_on_file(principal, brief):
        raise files.UnknownFile()
    if not message.startswith(ADHOC_PREFIX):
        raise NoWaitingInstance(f"{message!r} is not an ad-hoc action")
    return messages.deliver_message(session, message=message, subject_kind="file",
                                    subject_id=brief.id, payload={"by": principal.login},
                                    actor=principal.login)


def resolution_terms(session: Session, file_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The latest term of resolution of each file (by id): days left, state, whether it
    is near (``NEAR_DAYS`` or fewer left, or expired) and its silence effect."""
    terms: dict[str, dict[str, Any]] = {}
    latest = deadlines.latest_of_kind(session, "file", list(file_ids), RESOLUTION_KIND)
    for file_id, view in latest.items():
        state = view.state.value
        near = state == "expired" or (state == "running" and view.days_left is not None
                                      and view.days_left <= NEAR_DAYS)
        terms[file_id] = {"days_left": view.days_left, "state": state, "near": near,
                          "due_on": view.due_on, "silence_effect": view.silence_effect}
    return terms
