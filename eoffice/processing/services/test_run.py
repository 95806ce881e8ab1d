"""Test-runs of a process model with sample data, for administrators before they publish:
the path the model takes, the user tasks it meets (auto-completed with the sample data),
the operators it would call with their evaluated parameters, and where it stops (it
ends, waits for a message or a timer, fails at an element, or reaches the step limit).

Nothing is kept: the run happens inside a SAVEPOINT that is rolled back, no instance is
stored, and the operators of the catalogue are replaced by stand-ins that only record
the call (no document is rendered, nobody is notified, no intent is recorded).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.specs.defaults import UserTask as SpiffUserTask
from SpiffWorkflow.util.task import TaskState as SpiffState
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.processing import engine
from eoffice.processing.bpmn import Problem
from eoffice.processing.models import ProcessModelVersion
from eoffice.processing.operators import CATALOGUE, Catalogue, RunContext
from eoffice.processing.scripting import ScriptFailed, ScriptRefused, evaluate
from eoffice.processing.services.repository import check_model, content_sha256
from eoffice.processing.services.specs import build_specs

MAX_STEPS = 500
"""Elements run at most in one test-run (a model that loops stops here)."""
TEST_SUBJECT = "test-run"
REACHED = (SpiffState.READY | SpiffState.STARTED | SpiffState.WAITING | SpiffState.COMPLETED
           | SpiffState.ERROR)


class Outcome:
    """Where a test-run stopped."""

    INVALID = "invalid"  # the model does not pass validation: nothing was run
    ENDED = "ended"
    WAITING = "waiting"  # for a message or a timer
    FAILED = "failed"
    STEP_LIMIT = "step_limit"


@dataclass(frozen=True)
class Reached:
    element: str
    name: str
    kind: str  # the BPMN element type, e.g. "UserTask", "ServiceTask", "EndEvent"


@dataclass(frozen=True)
class MetTask:
    """A user task met on the way, with who would get it (its lane's unit and role)."""

    element: str
    name: str
    lane: str
    unit: str | None
    unit_name: str | None  # None: no such unit (or no unit at all)
    role: str


@dataclass(frozen=True)
class OperatorCall:
    element: str
    operator: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Waiting:
    element: str
    kind: str  # "message", "timer" or "event"
    detail: str  # the message name or the timer expression


@dataclass
class TrialReport:
    """What a test-run did, in order."""

    key: str = ""
    outcome: str = Outcome.INVALID
    steps: int = 0
    reached: list[Reached] = field(default_factory=list)
    user_tasks: list[MetTask] = field(default_factory=list)
    calls: list[OperatorCall] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    failure: Problem | None = None
    problems: list[Problem] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


def recording_catalogue(calls: list[OperatorCall]) -> Catalogue:
    """The product's operators with the same declared inputs and outputs, whose run only
    appends the call to ``calls`` and returns every declared output as None."""
    catalogue = Catalogue()
    for name in CATALOGUE.names():
        real = CATALOGUE.operators[name]

        def record(context: RunContext, params: dict[str, Any], *,
                   operator: str = name, outputs: tuple[str, ...] = real.outputs,
                   ) -> dict[str, Any]:
            calls.append(OperatorCall(context.element_id, operator, _plain(params)))
            return dict.fromkeys(outputs)

        catalogue.register(dataclasses.replace(real, run=record))
    return catalogue


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def run_trial(session: Session, bpmn: bytes, *, dmn: Sequence[bytes] = (),
              sample: dict[str, Any], actor: str, max_steps: int = MAX_STEPS) -> TrialReport:
    """Test-run ``bpmn`` with ``sample`` as the process variables (and as the data every
    user task is completed with); the called processes are the repository's latest
    versions. Invalid models are not run: ``problems`` lists why."""
    inspection = check_model(session, bpmn, dmn)
    report = TrialReport(key=inspection.key)
    if inspection.problems:
        report.problems = list(inspection.problems)
        return report
    savepoint = session.begin_nested()
    try:
        draft = ProcessModelVersion(
            key=inspection.key, version=0, sha256=content_sha256(bpmn, dmn),
            bpmn=bpmn.decode("utf-8"), dmn=[table.decode("utf-8") for table in dmn],
            processes=inspection.processes, calls=inspection.calls,
            user_tasks=inspection.user_tasks, source="test-run", created_by=actor)
        specs = build_specs(session, draft)
        unit = sample.get("unit")
        context = RunContext(session=session, instance_id=TEST_SUBJECT, subject_kind="file",
                             subject_id=TEST_SUBJECT, unit_code=unit if isinstance(unit, str)
                             else None, actor=actor)
        workflow = BpmnWorkflow(specs.spec, specs.subprocess_specs,
                                script_engine=engine.SafeScriptEngine(
                                    context=context,
                                    catalogue=recording_catalogue(report.calls)))
        variables = {**sample, "unit": context.unit_code, "subject_kind": "file",
                     "subject_id": TEST_SUBJECT}
        for task in engine.tasks_in(workflow, SpiffState.READY):
            task.data.update(variables)
        _walk(session, workflow, specs.user_tasks, sample, report, max_steps)
    finally:
        if savepoint.is_active:
            savepoint.rollback()
    return report


def _walk(session: Session, workflow: BpmnWorkflow, lanes: dict[str, Any],
          sample: dict[str, Any], report: TrialReport, max_steps: int) -> None:
    """Run the workflow one element at a time, recording each, until it stops."""
    task: Any = None
    seen: set[Any] = set()
    try:
        while True:
            ready = _ready(workflow)
            _reach(workflow, seen, report)
            if not ready:
                break
            if report.steps >= max_steps:
                report.outcome = Outcome.STEP_LIMIT
                return
            task = ready[0]
            if isinstance(task.task_spec, SpiffUserTask):
                report.user_tasks.append(_meet(session, task, lanes))
                task.data.update(sample)
            task.run()
            report.steps += 1
    except engine.StepFailed as exc:
        _fail(report, exc.element_id, exc.cause)
        return
    except SpiffWorkflowException as exc:
        element = getattr(getattr(exc, "task_spec", None), "bpmn_id", None)
        _fail(report, str(element or _element_of(task) or report.key), str(exc)[:300])
        return
    report.data = _plain(_last_data(workflow))
    if workflow.completed:
        report.outcome = Outcome.ENDED
        return
    report.outcome = Outcome.WAITING
    report.waiting = _waiting(workflow)


def _ready(workflow: BpmnWorkflow) -> list[Any]:
    ready = engine.tasks_in(workflow, SpiffState.READY)
    if not ready:
        workflow.refresh_timers()  # a timer already due fires, as in a real run
        ready = engine.tasks_in(workflow, SpiffState.READY)
    return ready


def _element_of(task: Any) -> str | None:
    spec = getattr(task, "task_spec", None)
    bpmn_id = getattr(spec, "bpmn_id", None)
    return str(bpmn_id) if bpmn_id else None


def _reach(workflow: BpmnWorkflow, seen: set[Any], report: TrialReport) -> None:
    """Record the elements the run has reached since the last step (ready to run,
    running, waiting or done), in the order of the task tree."""
    for task in engine.tasks_in(workflow, REACHED):
        element = _element_of(task)
        if task.id in seen or element is None:  # None: SpiffWorkflow's own plumbing
            continue
        seen.add(task.id)
        spec = task.task_spec
        report.reached.append(Reached(element, str(spec.bpmn_name or element),
                                      type(spec).__name__))


def _meet(session: Session, task: Any, lanes: dict[str, Any]) -> MetTask:
    """The user task with its lane's unit (evaluated as a real run would) and role."""
    element = str(task.task_spec.bpmn_id)
    mapping = lanes.get(element)
    if mapping is None:
        raise engine.StepFailed(element, "the user task has no lane mapping")
    unit: Any = mapping["unit"]
    if unit.startswith("="):
        try:
            unit = evaluate(unit[1:], task.data)
        except (ScriptFailed, ScriptRefused) as exc:
            raise engine.StepFailed(mapping["lane"], f"unit of the lane: {exc}") from None
    code = None if unit is None else str(unit)
    found = identity.list_units(session, codes={code}, locale="en") if code else []
    return MetTask(element=element, name=str(task.task_spec.bpmn_name or element),
                   lane=str(mapping.get("lane_name") or mapping["lane"]), unit=code,
                   unit_name=found[0].name if found else None, role=str(mapping["role"]))


def _fail(report: TrialReport, element: str, cause: str) -> None:
    report.outcome = Outcome.FAILED
    report.failure = Problem(element, cause, "processing.step_failed")


def _last_data(workflow: BpmnWorkflow) -> dict[str, Any]:
    if workflow.completed:
        return dict(workflow.data)
    finished = [task for task in engine.tasks_in(workflow, SpiffState.COMPLETED)
                if _element_of(task)]
    latest = max(finished, key=lambda task: task.last_state_change, default=None)
    return dict(latest.data) if latest is not None else {}


def _waiting(workflow: BpmnWorkflow) -> list[Waiting]:
    found: list[Waiting] = []
    for task in engine.tasks_in(workflow, SpiffState.WAITING):
        definition = getattr(task.task_spec, "event_definition", None)
        element = _element_of(task)
        if definition is None or element is None:
            continue
        if isinstance(definition, MessageEventDefinition):
            found.append(Waiting(element, "message", str(definition.name)))
        elif isinstance(definition, TimerEventDefinition):
            found.append(Waiting(element, "timer", str(definition.expression)))
        else:
            found.append(Waiting(element, "event", type(definition).__name__))
    return found
