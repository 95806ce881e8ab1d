"""SpiffWorkflow, made safe and ours: the script engine on the safe language, service
tasks calling the operators catalogue with their real errors, the serializer, and timers
on the shared clock.

SpiffWorkflow evaluates with Python ``eval`` by default and reads ``datetime.now`` for
timers; here every expression goes through :mod:`eoffice.processing.scripting` and the
timer module's clock is :func:`eoffice.shared.clock.utcnow` (so ``frozen_at`` moves it).
A restored workflow gets the engine again (:func:`restore`), as SpiffWorkflow requires.

The saved state forgets the finished history (:func:`prune`, ADR 0028) but keeps, next to
SpiffWorkflow's serialization under :data:`PASSED_KEY`, which steps each process has
completed (:func:`passed`): migration between versions decides on it. It lives in the
state rather than in a column so that it is written by the same :func:`dump` that prunes
(nothing can prune without recording), travels with the state it describes, and a
workflow in memory carries it too (the rules need no database).
"""

from __future__ import annotations

import ast
import json
from datetime import UTC, datetime, tzinfo
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.event_definitions import timer as spiff_timer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.specs.Join import Join
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState as SpiffState
from sqlalchemy.exc import DBAPIError

from eoffice.processing.operators import CATALOGUE, Catalogue, RunContext
from eoffice.processing.scripting import (
    ScriptFailed,
    ScriptRefused,
    check_expression,
    evaluate,
    run_script,
)
from eoffice.shared.clock import utcnow


class _ClockDatetime(datetime):
    """``datetime`` whose ``now`` is the shared clock (for SpiffWorkflow's timers)."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _ClockDatetime:
        moment = utcnow().astimezone(tz or UTC)
        return cls.fromtimestamp(moment.timestamp(), tz or UTC)


spiff_timer.datetime = _ClockDatetime


class StepFailed(Exception):
    """A model step failed: the element, and the real cause (never a bare NameError)."""

    def __init__(self, element_id: str, cause: str) -> None:
        super().__init__(f"{element_id}: {cause}")
        self.element_id = element_id
        self.cause = cause


def _element(task: Any) -> str:
    spec = getattr(task, "task_spec", None)
    return str(getattr(spec, "bpmn_id", None) or getattr(spec, "name", "") or "")


def _plain(value: Any) -> Any:
    """Operator results as JSON (what SpiffWorkflow keeps in task data)."""
    return json.loads(json.dumps(value, default=str))


class SafeScriptEngine(PythonScriptEngine):  # type: ignore[misc]
    """Expressions, scripts and service calls through the safe language and catalogue."""

    def __init__(self, *, context: RunContext | None = None,
                 catalogue: Catalogue = CATALOGUE) -> None:
        super().__init__()
        self.context = context
        self.catalogue = catalogue

    def validate(self, expression: str) -> None:
        # SyntaxError first (SpiffWorkflow's DMN engine relies on it), then our rules.
        ast.parse(expression.strip(), mode="eval")
        check_expression(expression)

    def evaluate(self, task: Any, expression: str,
                 external_context: dict[str, Any] | None = None) -> Any:
        names = {**task.data, **(external_context or {})}
        try:
            return evaluate(expression, names)
        except (ScriptRefused, ScriptFailed) as exc:
            raise StepFailed(_element(task), f"{exc} in {expression!r}") from None

    def execute(self, task: Any, script: str,
                external_context: dict[str, Any] | None = None) -> bool:
        try:
            run_script(script or "", task.data)  # None: a script task with no script
        except (ScriptRefused, ScriptFailed) as exc:
            raise StepFailed(_element(task), str(exc)) from None
        return True

    def call_service(self, task: Any, operation_name: str = "",
                     operation_params: dict[str, Any] | None = None, **_: Any) -> str:
        element = _element(task)
        operator = self.catalogue.get(operation_name)
        if operator is None:
            raise StepFailed(element, f"unknown operator {operation_name!r}")
        if self.context is None:
            raise StepFailed(element, "service tasks run only inside an instance")
        params = {name: spec["value"] for name, spec in (operation_params or {}).items()}
        context = RunContext(**{**self.context.__dict__, "element_id": element})
        try:
            result = operator.run(context, params)
        except (StepFailed, DBAPIError):  # the database failing is no fault of the model:
            raise  # the unit of work rolls back and the caller may try again
        except Exception as exc:  # the real cause, named: the operator's own error
            raise StepFailed(element, f"{operation_name} failed: "
                             f"{type(exc).__name__}: {exc}") from exc
        return json.dumps(_plain(result))


DEEPEST = 10**9
"""SpiffWorkflow's task iterator stops at depth 1,000 by default, and every pass through a
loop makes the tree deeper: a process looping a few hundred times would lose its tasks."""


def tasks_in(workflow: BpmnWorkflow, state: int) -> list[Any]:
    """The workflow's tasks in ``state``, at any depth of the task tree."""
    found: list[Any] = workflow.get_tasks(state=state, max_depth=DEEPEST)
    return found


MAX_ENGINE_STEPS = 2_500
"""Engine steps one run may take before it waits for someone: a loop of scripts and
gateways whose condition never turns false stops there instead of running for ever."""


def run_engine(workflow: BpmnWorkflow) -> None:
    """``do_engine_steps``, then the engine tasks it cannot see below depth 1,000;
    :class:`StepFailed` after :data:`MAX_ENGINE_STEPS` steps without waiting, or when
    SpiffWorkflow recurses without end (a loop going round faster than it can follow)."""
    try:
        _run_engine(workflow)
    except RecursionError:
        raise StepFailed(str(workflow.spec.name), "the process went round a loop more "
                         "times than the engine can follow without waiting for anyone: "
                         "a loop that never ends?") from None


def _run_engine(workflow: BpmnWorkflow) -> None:
    steps = 0

    def count(task: Any) -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_ENGINE_STEPS:
            raise StepFailed(_element(task), f"more than {MAX_ENGINE_STEPS} steps without "
                             "waiting for anyone: a loop that never ends?")

    workflow.do_engine_steps(will_complete_task=count)
    while True:
        pending = [task for task in tasks_in(workflow, SpiffState.READY)
                   if not task.task_spec.manual]
        if not pending:
            return
        for task in pending:
            count(task)
            task.run()
        workflow.do_engine_steps(will_complete_task=count)


def _kept(tree: Any) -> set[UUID]:
    """The tasks of one (sub)workflow that continuing may still read (see :func:`prune`):
    the root and the last task; every unfinished task with its parent and its finished
    children (multi-instance items); for a join still to fire, the arrivals it counts and,
    above it, the nearest task of each of its inputs (a gateway that loops looks for them)."""
    tasks = tree.tasks
    keep = {tree.task_tree.id}
    if tree.last_task is not None and tree.last_task.id in tasks:
        keep.add(tree.last_task.id)
    joining = [task for task in tasks.values()
               if isinstance(task.task_spec, Join) and not _finished(task)]
    fired = {task.task_spec: _last_firing(tasks, task.task_spec) for task in joining}
    for task in joining:
        keep.update(_nearest_inputs(tasks, task))
    for task in tasks.values():
        parent = tasks.get(task._parent)
        if not _finished(task) or (parent is not None and not _finished(parent)):
            keep.add(task.id)
        elif task.task_spec in fired and _after(task, fired[task.task_spec]):
            keep.add(task.id)  # an arrival the join still counts
        else:
            continue
        if parent is not None:
            keep.add(parent.id)
    return keep


def _nearest_inputs(tasks: dict[UUID, Any], join: Any) -> list[UUID]:
    """The nearest ancestor of ``join`` for each input of its gateway (SpiffWorkflow's
    parallel gateway in a loop walks up the tree looking for them)."""
    wanted = set(join.task_spec.inputs)
    found: list[UUID] = []
    ancestor = tasks.get(join._parent)
    while ancestor is not None and wanted:
        if ancestor.task_spec in wanted:
            wanted.discard(ancestor.task_spec)
            found.append(ancestor.id)
        ancestor = tasks.get(ancestor._parent)
    return found


def _finished(task: Any) -> bool:
    return bool(task.has_state(SpiffState.FINISHED_MASK))


def _after(task: Any, firing: Any | None) -> bool:
    """Whether ``task`` descends from ``firing`` (a join's last firing; None: never fired),
    walked without recursion (a tree saved before pruning may be thousands deep)."""
    if firing is None:
        return True
    ancestor = task.parent
    while ancestor is not None and ancestor is not firing:
        ancestor = ancestor.parent
    return ancestor is firing


def _last_firing(tasks: dict[UUID, Any], spec: Any) -> Any | None:
    """The deepest completed task of a join that loops: later arrivals descend from it."""
    fired = [task for task in tasks.values()
             if task.task_spec is spec and task.state == SpiffState.COMPLETED]
    return max(fired, key=lambda task: task.depth, default=None)


def _anchors(tasks: dict[UUID, Any], keep: set[UUID]) -> dict[UUID, UUID | None]:
    """For every task, its nearest kept strict ancestor (None: none, or a parent
    SpiffWorkflow itself already removed), found without recursion."""
    anchors: dict[UUID, UUID | None] = {}
    for task_id, task in tasks.items():
        chain, current = [], task._parent
        while current is not None and current not in keep and current not in anchors:
            chain.append(current)
            parent = tasks.get(current)
            current = parent._parent if parent is not None else None
        found = anchors[current] if current is not None and current not in keep else current
        for link in chain:
            anchors[link] = found
        anchors[task_id] = found
    return anchors


def _prune_tree(tree: Any) -> int:
    """Drop the tasks of ``tree`` not :func:`_kept`; each kept task hangs from its nearest
    kept ancestor (the ancestry among kept tasks is unchanged)."""
    keep = _kept(tree)
    if len(keep) == len(tree.tasks):
        return 0
    anchors = _anchors(tree.tasks, keep)
    children: dict[UUID, list[UUID]] = {task_id: [] for task_id in keep}
    for task_id in tree.tasks:  # in creation order: children keep their order
        anchor = anchors[task_id]
        if task_id in keep and task_id != tree.task_tree.id:
            tree.tasks[task_id]._parent = anchor
            if anchor is not None:
                children[anchor].append(task_id)
    dropped = len(tree.tasks) - len(keep)
    tree.tasks = {task_id: task for task_id, task in tree.tasks.items() if task_id in keep}
    for task_id, task in tree.tasks.items():
        task._children = children[task_id]
    return dropped


def prune(workflow: BpmnWorkflow) -> int:
    """Forget the finished history of a waiting workflow: SpiffWorkflow keeps every task it
    ever ran, so each save and each engine step would cost more with every step taken (ADR
    0028). Kept: what continuing reads (:func:`_kept`), the workflow's data, the waiting
    events with their timers and messages, the sub-processes of kept tasks. Who did what
    stays in the task projection and the audit. Returns how many tasks were dropped.
    Meant for a workflow between steps, as it is saved."""
    dropped = sum(_prune_tree(tree) for tree in (workflow, *workflow.subprocesses.values()))
    while True:
        alive = set(workflow.tasks).union(
            *(subprocess.tasks for subprocess in workflow.subprocesses.values()))
        orphans = [task_id for task_id in workflow.subprocesses if task_id not in alive]
        if not orphans:
            return dropped
        for task_id in orphans:
            dropped += len(workflow.subprocesses.pop(task_id).tasks)


def find_task(workflow: BpmnWorkflow, task_id: UUID) -> Any | None:
    """The task ``task_id`` of the workflow or its sub-processes; None once forgotten."""
    try:
        return workflow.get_task_from_id(task_id)
    except TaskNotFoundException:
        return None


SERIALIZER = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))


PASSED_KEY = "eoffice_passed"
"""Key of the record of completed steps in the saved state (SpiffWorkflow ignores it)."""
_RECORD = "_eoffice_passed"  # the record restored with the workflow (None: not recorded)

Passed = dict[str, list[str]]
"""Process spec name (the top process, each called one) -> names of its task specs
completed (a BPMN element's id; SpiffWorkflow's own Start, End... by their names)."""


def passed(workflow: BpmnWorkflow) -> Passed | None:
    """Every step the workflow has completed, per process: the record restored with it
    united with the completed tasks of its tree. None for a state saved (and pruned)
    before the record existed: its history is lost. A workflow never saved has its
    whole history in its tree."""
    recorded: Passed | None = getattr(workflow, _RECORD, {})
    if recorded is None:
        return None
    found = {name: set(steps) for name, steps in recorded.items()}
    for tree in (workflow, *workflow.subprocesses.values()):
        steps = found.setdefault(tree.spec.name, set())
        steps.update(task.task_spec.name for task in tree.tasks.values()
                     if task.state == SpiffState.COMPLETED)
    return {name: sorted(steps) for name, steps in sorted(found.items()) if steps}


def remember(workflow: BpmnWorkflow, record: Passed | None) -> None:
    """Keep ``record`` as the steps ``workflow`` has completed (see :func:`passed`)."""
    setattr(workflow, _RECORD, record)


def dump(workflow: BpmnWorkflow) -> str:
    """The workflow's state as JSON text, its finished history pruned first (:func:`prune`:
    the workflow goes on as before, with less to remember) once recorded (:func:`passed`)."""
    record = passed(workflow)
    remember(workflow, record)
    prune(workflow)
    state = str(SERIALIZER.serialize_json(workflow))
    if record is None:
        return state
    return f"{state[:-1]}, {json.dumps(PASSED_KEY)}: {json.dumps(record)}}}"


def restore(state: str, *, context: RunContext | None) -> BpmnWorkflow:
    """The workflow of ``state`` with the safe engine attached again, and its record of
    completed steps (None when ``state`` has none)."""
    saved = json.loads(state, cls=SERIALIZER.json_decoder_cls)
    record = saved.pop(PASSED_KEY, None)
    SERIALIZER.migrate(saved)
    workflow: BpmnWorkflow = SERIALIZER.from_dict(saved)
    workflow.script_engine = SafeScriptEngine(context=context)
    remember(workflow, record)
    return workflow
