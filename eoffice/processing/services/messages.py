"""Messages from outside a process (a signature done, the citizen's answer to a
requirement, a report written, a notification accessed) resume the instances of the
subject that wait for them. Instances are correlated by their subject (kind and id); a
message that no instance of the subject waits for is refused and changes nothing."""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.message import (
    MessageEventDefinition,
)
from SpiffWorkflow.bpmn.util.event import BpmnEvent
from SpiffWorkflow.util.task import TaskState as SpiffState
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.processing import engine
from eoffice.processing.errors import NoWaitingInstance
from eoffice.processing.models import InstanceStatus, ProcessInstance
from eoffice.processing.services import instances


def _waiting_for(workflow: Any, message: str) -> Any | None:
    """The definition of a message event named ``message`` that the workflow waits on."""
    for task in engine.tasks_in(workflow, SpiffState.WAITING):
        definition = getattr(task.task_spec, "event_definition", None)
        # An event-based gateway waits for the events of the catch events that follow it.
        for candidate in getattr(definition, "event_definitions", [definition]):
            if isinstance(candidate, MessageEventDefinition) and candidate.name == message:
                return candidate
    return None


def deliver_message(session: Session, *, message: str, subject_kind: str, subject_id: str,
                    payload: dict[str, Any], actor: str) -> list[str]:
    """Resume every running instance of the subject waiting for ``message`` (the model's
    ``messageVariable`` receives ``payload``); returns their ids, or
    :class:`NoWaitingInstance`."""
    rows = session.scalars(select(ProcessInstance).where(
        ProcessInstance.subject_kind == subject_kind,
        ProcessInstance.subject_id == subject_id,
        ProcessInstance.status == InstanceStatus.RUNNING).order_by(ProcessInstance.created_at))
    resumed: list[str] = []
    for row in rows:
        workflow = instances.load_workflow(session, row, actor)
        definition = _waiting_for(workflow, message)
        if definition is None:
            continue
        workflow.send_event(BpmnEvent(definition, payload=payload))
        instances.run_until_waiting(workflow)
        instances.save(session, row, workflow)
        audit.record_event(session, "processing.message_delivered", actor=actor,
                           object_type="process_instance", object_id=row.id,
                           unit_code=row.unit_code, data={"message": message})
        resumed.append(row.id)
    if not resumed:
        raise NoWaitingInstance(f"no process of {subject_kind} {subject_id} waits for "
                                f"{message!r}")
    return resumed
