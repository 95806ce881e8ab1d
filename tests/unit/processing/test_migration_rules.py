"""The rules that decide whether a running instance can move to another version of its
model, on SpiffWorkflow workflows in memory (no database): what it waits on, what it has
done, the processes it called, and its timers."""

from __future__ import annotations

from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState

from eoffice.processing import engine
from eoffice.processing.services.migration import _move
from eoffice.processing.services.specs import Specs
from tests.unit.processing.samples import (
    call_activity,
    chain,
    lane,
    script_task,
    timer_catch,
    user_task,
)


def model(key: str, steps: list[str]) -> bytes:
    ids = [step.split('id="', 1)[1].split('"', 1)[0] for step in steps]
    return chain(key, steps, lanes=[lane("Lane_clerks", ["StartEvent_start", *ids,
                                                         "EndEvent_end"])])


def specs(key: str, *files: bytes) -> Specs:
    parser = SpiffBpmnParser()
    for number, content in enumerate(files):
        parser.add_bpmn_xml(etree.fromstring(content), filename=f"model{number}.bpmn")
    return Specs(spec=parser.get_spec(key), subprocess_specs=parser.get_subprocess_specs(key))


def started(found: Specs) -> BpmnWorkflow:
    workflow = BpmnWorkflow(found.spec, found.subprocess_specs,
                            script_engine=engine.SafeScriptEngine())
    engine.run_engine(workflow)
    return workflow


def ready(workflow: BpmnWorkflow) -> list[str]:
    return [task.task_spec.name for task in engine.tasks_in(workflow, TaskState.READY)]


def complete_ready(workflow: Any) -> None:
    engine.tasks_in(workflow, TaskState.READY)[0].run()
    engine.run_engine(workflow)


V1 = model("permit", [user_task("Task_review")])


def test_an_instance_waiting_on_a_kept_task_moves_and_then_meets_the_new_step() -> None:
    workflow = started(specs("permit", V1))
    waiting_id = engine.tasks_in(workflow, TaskState.READY)[0].id
    v2 = model("permit", [user_task("Task_review"), user_task("Task_inspect")])

    plan = _move(workflow, specs("permit", v2), 2)

    assert plan.reasons == [] and plan.workflow is not None
    moved = engine.restore(engine.dump(plan.workflow), context=None)
    assert engine.tasks_in(moved, TaskState.READY)[0].id == waiting_id  # same task, kept
    complete_ready(moved)
    assert ready(moved) == ["Task_inspect"]


def test_an_instance_waiting_on_a_task_gone_in_the_new_version_cannot_move() -> None:
    workflow = started(specs("permit", V1))
    before = engine.dump(workflow)
    v3 = model("permit", [user_task("Task_decide")])

    plan = _move(workflow, specs("permit", v3), 3)

    assert plan.workflow is None
    assert plan.reasons == ["The instance waits on Task_review, which is not in version 3."]
    assert engine.dump(workflow) == before


def test_a_new_step_before_the_waiting_one_stops_the_move_it_would_skip() -> None:
    workflow = started(specs("permit", V1))
    v2 = model("permit", [script_task("Task_prepare", "prepared = True"),
                          user_task("Task_review")])

    plan = _move(workflow, specs("permit", v2), 2)

    assert plan.workflow is None
    assert "has passed StartEvent_start" in plan.reasons[0]


def test_a_task_gone_from_a_called_process_names_that_process() -> None:
    top = model("permit", [call_activity("Call_report", "report")])
    workflow = started(specs("permit", top, model("report", [user_task("Task_write")])))
    assert ready(workflow) == ["Task_write"]

    plan = _move(workflow, specs("permit", top, model("report", [user_task("Task_other")])), 2)

    assert plan.workflow is None
    assert plan.reasons == ["Its called process report waits on Task_write, which is not "
                            "in version 2."]


def test_a_waiting_timer_keeps_its_moment_after_the_move() -> None:
    workflow = started(specs("permit", model("permit", [timer_catch("Timer_wait", '"PT2H"'),
                                                        user_task("Task_review")])))
    timer = engine.tasks_in(workflow, TaskState.WAITING)[0]
    moment = timer.internal_data["event_value"]
    v2 = model("permit", [timer_catch("Timer_wait", '"PT2H"'), user_task("Task_review"),
                          user_task("Task_inspect")])

    plan = _move(workflow, specs("permit", v2), 2)

    assert plan.workflow is not None
    moved = engine.tasks_in(plan.workflow, TaskState.WAITING)[0]
    assert moved.internal_data["event_value"] == moment


def test_an_instance_inside_a_called_process_moves_when_the_steps_after_the_call_grow() -> None:
    report = model("report", [user_task("Task_write")])
    v1 = model("permit", [call_activity("Call_report", "report"), user_task("Task_decide")])
    workflow = started(specs("permit", v1, report))
    v2 = model("permit", [call_activity("Call_report", "report"), user_task("Task_decide"),
                          user_task("Task_notify")])

    plan = _move(workflow, specs("permit", v2, report), 2)

    assert plan.reasons == [] and plan.workflow is not None
    moved = engine.restore(engine.dump(plan.workflow), context=None)
    assert ready(moved) == ["Task_write"]
    complete_ready(moved)
    assert ready(moved) == ["Task_decide"]
    complete_ready(moved)
    assert ready(moved) == ["Task_notify"]
