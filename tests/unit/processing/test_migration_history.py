"""Migration decides on what an instance has done even after its saved state forgot the
finished history (ADR 0028): the same verdict and reasons on a workflow restored from
its saved state as on the same workflow kept whole in memory."""

from __future__ import annotations

import json

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from eoffice.processing import engine
from eoffice.processing.services.migration import _move
from eoffice.processing.services.specs import Specs
from tests.unit.processing.samples import HEAD, call_activity, user_task
from tests.unit.processing.test_migration_rules import (
    complete_ready,
    model,
    ready,
    specs,
    started,
)

V1 = model("permit", [user_task("Task_a"), user_task("Task_b"), user_task("Task_review")])


def at_review(found: Specs) -> BpmnWorkflow:
    workflow = started(found)
    complete_ready(workflow)
    complete_ready(workflow)
    assert ready(workflow) == ["Task_review"]
    return workflow


def saved_and_restored(workflow: BpmnWorkflow) -> BpmnWorkflow:
    """As every instance is loaded from the database."""
    return engine.restore(engine.dump(workflow), context=None)


def test_a_step_inserted_before_the_waiting_one_is_refused_also_after_a_restore() -> None:
    v2 = model("permit", [user_task("Task_a"), user_task("Task_new"), user_task("Task_b"),
                          user_task("Task_review")])
    in_memory = _move(at_review(specs("permit", V1)), specs("permit", v2), 2)
    restored = saved_and_restored(at_review(specs("permit", V1)))
    assert [task.task_spec.name for task in restored.tasks.values()
            if task.task_spec.name == "Task_a"] == []  # the state forgot it

    plan = _move(restored, specs("permit", v2), 2)

    assert in_memory.workflow is None and plan.workflow is None
    assert plan.reasons == in_memory.reasons
    assert plan.reasons == ["The instance has passed Task_a, and the steps after it changed "
                            "in version 2: it would skip them."]


def test_a_step_it_has_done_that_is_gone_is_refused_after_a_restore() -> None:
    v2 = model("permit", [user_task("Task_b"), user_task("Task_review")])
    restored = saved_and_restored(at_review(specs("permit", V1)))

    plan = _move(restored, specs("permit", v2), 2)

    assert plan.workflow is None
    assert ("The instance has done Task_a, which is not in version 2 (its history would be "
            "lost).") in plan.reasons


def test_a_step_added_after_the_waiting_one_moves_after_a_restore_and_keeps_the_record() -> None:
    v2 = model("permit", [user_task("Task_a"), user_task("Task_b"), user_task("Task_review"),
                          user_task("Task_notify")])
    restored = saved_and_restored(at_review(specs("permit", V1)))

    plan = _move(restored, specs("permit", v2), 2)

    assert plan.reasons == [] and plan.workflow is not None
    moved = saved_and_restored(plan.workflow)
    complete_ready(moved)
    assert ready(moved) == ["Task_notify"]
    v3 = model("permit", [user_task("Task_a"), user_task("Task_late"), user_task("Task_b"),
                          user_task("Task_review"), user_task("Task_notify")])
    again = _move(saved_and_restored(moved), specs("permit", v3), 3)
    assert "The instance has passed Task_a" in again.reasons[0]  # remembered across moves


def branching(extra: str = "") -> bytes:
    """Task_a, then Task_urgent when ``urgent`` (with ``extra`` after it), else Task_review."""
    after_urgent = "Task_extra" if extra else "EndEvent_urgent"
    return (HEAD.format(key="permit") + (
        '<bpmn:process id="permit" isExecutable="true">'
        '<bpmn:laneSet id="LaneSet_permit"><bpmn:lane id="Lane_clerks" name="Clerks">'
        + "".join(f"<bpmn:flowNodeRef>{ref}</bpmn:flowNodeRef>" for ref in (
            "Task_a", "Task_urgent", "Task_review", *(["Task_extra"] if extra else [])))
        + '</bpmn:lane></bpmn:laneSet>'
        '<bpmn:startEvent id="StartEvent_start"/>'
        f'{user_task("Task_a")}{user_task("Task_urgent")}{user_task("Task_review")}{extra}'
        '<bpmn:exclusiveGateway id="Gateway_route" default="Flow_normal"/>'
        '<bpmn:endEvent id="EndEvent_end"/><bpmn:endEvent id="EndEvent_urgent"/>'
        '<bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_start" targetRef="Task_a"/>'
        '<bpmn:sequenceFlow id="Flow_2" sourceRef="Task_a" targetRef="Gateway_route"/>'
        '<bpmn:sequenceFlow id="Flow_urgent" sourceRef="Gateway_route" '
        'targetRef="Task_urgent"><bpmn:conditionExpression>urgent == True'
        '</bpmn:conditionExpression></bpmn:sequenceFlow>'
        '<bpmn:sequenceFlow id="Flow_normal" sourceRef="Gateway_route" '
        'targetRef="Task_review"/>'
        '<bpmn:sequenceFlow id="Flow_3" sourceRef="Task_review" targetRef="EndEvent_end"/>'
        f'<bpmn:sequenceFlow id="Flow_4" sourceRef="Task_urgent" targetRef="{after_urgent}"/>'
        + ('<bpmn:sequenceFlow id="Flow_5" sourceRef="Task_extra" '
           'targetRef="EndEvent_urgent"/>' if extra else "")
        + "</bpmn:process></bpmn:definitions>")).encode()


def test_a_step_added_in_a_branch_never_taken_still_moves_after_a_restore() -> None:
    workflow = started(specs("permit", branching()))
    engine.tasks_in(workflow, TaskState.READY)[0].data["urgent"] = False
    complete_ready(workflow)
    assert ready(workflow) == ["Task_review"]
    restored = saved_and_restored(workflow)

    plan = _move(restored, specs("permit", branching(user_task("Task_extra"))), 2)

    assert plan.reasons == [] and plan.workflow is not None


def test_a_finished_called_process_is_still_checked_after_a_restore() -> None:
    top = model("permit", [call_activity("Call_report", "report"), user_task("Task_decide")])
    report = model("report", [user_task("Task_write"), user_task("Task_sign")])
    workflow = started(specs("permit", top, report))
    complete_ready(workflow)
    complete_ready(workflow)
    assert ready(workflow) == ["Task_decide"]
    restored = saved_and_restored(workflow)
    forgotten = [task.task_spec.name for sub in restored.subprocesses.values()
                 for task in sub.tasks.values()]
    assert "Task_write" not in forgotten  # the finished call's history is forgotten
    longer = model("report", [user_task("Task_write"), user_task("Task_check"),
                              user_task("Task_sign")])

    plan = _move(restored, specs("permit", top, longer), 2)

    assert plan.workflow is None
    assert plan.reasons == ["Its called process report has passed Task_write, and the steps "
                            "after it changed in version 2: it would skip them."]


def test_an_instance_saved_before_its_history_was_recorded_is_refused() -> None:
    saved = json.loads(engine.dump(at_review(specs("permit", V1))))
    del saved[engine.PASSED_KEY]
    restored = engine.restore(json.dumps(saved), context=None)
    v2 = model("permit", [user_task("Task_a"), user_task("Task_b"), user_task("Task_review"),
                          user_task("Task_notify")])

    plan = _move(restored, specs("permit", v2), 2)

    assert plan.workflow is None
    assert plan.reasons == ["The instance cannot tell which steps it has done: its history "
                            "was not recorded. Let it finish or start it again."]
    assert engine.PASSED_KEY not in json.loads(engine.dump(restored))  # still unknown
