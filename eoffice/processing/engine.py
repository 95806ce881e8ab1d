"""SpiffWorkflow, made safe and ours: the script engine on the safe language, service
tasks calling the operators catalogue with their real errors, the serializer, and timers
on the shared clock.

SpiffWorkflow evaluates with Python ``eval`` by default and reads ``datetime.now`` for
timers; here every expression goes through :mod:`eoffice.processing.scripting` and the
timer module's clock is :func:`eoffice.shared.clock.utcnow` (so ``frozen_at`` moves it).
A restored workflow gets the engine again (:func:`restore`), as SpiffWorkflow requires.
"""

from __future__ import annotations

import ast
import json
from datetime import UTC, datetime, tzinfo
from typing import Any

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.event_definitions import timer as spiff_timer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState as SpiffState

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
            run_script(script, task.data)
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
        except StepFailed:
            raise
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


def run_engine(workflow: BpmnWorkflow) -> None:
    """``do_engine_steps``, then the engine tasks it cannot see below depth 1,000."""
    workflow.do_engine_steps()
    while True:
        pending = [task for task in tasks_in(workflow, SpiffState.READY)
                   if not task.task_spec.manual]
        if not pending:
            return
        for task in pending:
            task.run()
        workflow.do_engine_steps()


SERIALIZER = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))


def dump(workflow: BpmnWorkflow) -> str:
    """The workflow's state as JSON text."""
    return str(SERIALIZER.serialize_json(workflow))


def restore(state: str, *, context: RunContext | None) -> BpmnWorkflow:
    """The workflow of ``state`` with the safe engine attached again."""
    workflow: BpmnWorkflow = SERIALIZER.deserialize_json(state)
    workflow.script_engine = SafeScriptEngine(context=context)
    return workflow
