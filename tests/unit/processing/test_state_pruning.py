"""A process saved (and so pruned of its finished history, ADR 0028) at every point where
it waits goes exactly where the same process kept whole in memory goes: the same tasks
open after each step, the same timers and messages awaited, the same data at the end;
and the saved state of a process that loops stays the same size however often it loops.

Each journey is a list of steps a clerk, the citizen or the clock would take; it runs once
in memory (SpiffWorkflow keeping every task) and once saved and restored between steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.util.event import BpmnEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.specs.defaults import UserTask
from SpiffWorkflow.util.task import TaskState

from eoffice.processing import engine
from eoffice.shared.clock import frozen_at
from tests.unit.processing.state_models import (
    BOUNDARY_TIMER_LOOP,
    CALL_LOOP,
    CALL_WAITING_LOOP,
    EVENT_GATEWAY_LOOP,
    INCLUSIVE,
    MESSAGE_LOOP,
    PARALLEL_LOOP,
    USER_LOOP,
    multi_instance,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Journey:
    """A process driven step by step, saved between steps or kept in memory."""

    workflow: BpmnWorkflow
    saved: bool
    now: datetime = T0
    sizes: list[int] = field(default_factory=list)

    @classmethod
    def start(cls, bpmn: str, key: str, *, saved: bool, **data: Any) -> Journey:
        parser = SpiffBpmnParser()
        parser.add_bpmn_str(bpmn.encode())
        workflow = BpmnWorkflow(parser.get_spec(key), parser.get_subprocess_specs(key),
                                script_engine=engine.SafeScriptEngine())
        for task in workflow.get_tasks(state=TaskState.READY):
            task.data.update(data)
        journey = cls(workflow, saved)
        journey._run()
        return journey

    def _run(self) -> None:
        with frozen_at(self.now):
            engine.run_engine(self.workflow)
            self.workflow.refresh_timers()
            engine.run_engine(self.workflow)
        if self.saved:
            state = engine.dump(self.workflow)
            self.sizes.append(len(state))
            self.workflow = engine.restore(state, context=None)

    def open_tasks(self) -> list[str]:
        return sorted(task.task_spec.bpmn_id
                      for task in engine.tasks_in(self.workflow, TaskState.READY)
                      if isinstance(task.task_spec, UserTask))

    def waits_for(self) -> list[str]:
        return sorted(task.task_spec.bpmn_id
                      for task in engine.tasks_in(self.workflow, TaskState.WAITING)
                      if getattr(task.task_spec, "event_definition", None) is not None)

    def complete(self, element: str, **data: Any) -> None:
        task = next(task for task in engine.tasks_in(self.workflow, TaskState.READY)
                    if task.task_spec.bpmn_id == element)
        task.data.update(data)
        with frozen_at(self.now):
            task.run()
        self._run()

    def deliver(self, message: str, payload: dict[str, Any]) -> None:
        definition = next(
            awaited for task in engine.tasks_in(self.workflow, TaskState.WAITING)
            for awaited in _definitions(task)
            if isinstance(awaited, MessageEventDefinition) and awaited.name == message)
        with frozen_at(self.now):
            self.workflow.send_event(BpmnEvent(definition, payload=payload))
        self._run()

    def wait(self, delay: timedelta) -> None:
        self.now += delay
        self._run()

    def seen(self) -> tuple[list[str], list[str], bool]:
        return self.open_tasks(), self.waits_for(), self.workflow.completed


Step = tuple[Any, ...]


def _definitions(task: Any) -> list[Any]:
    """The events a waiting task catches (an event-based gateway catches several)."""
    definition = getattr(task.task_spec, "event_definition", None)
    return list(getattr(definition, "event_definitions", None) or [definition])


def _take(journey: Journey, step: Step) -> None:
    kind, *rest = step
    if kind == "complete":
        element, data = rest
        journey.complete(element, **data)
    elif kind == "deliver":
        journey.deliver(*rest)
    else:
        journey.wait(*rest)


def both_ways(bpmn: str, key: str, steps: list[Step],
              **data: Any) -> tuple[Journey, Journey, list[Any]]:
    """Run the journey kept in memory and saved between steps; they must agree."""
    kept = Journey.start(bpmn, key, saved=False, **data)
    saved = Journey.start(bpmn, key, saved=True, **data)
    path = [kept.seen()]
    assert saved.seen() == kept.seen()
    for number, step in enumerate(steps, 1):
        _take(kept, step)
        _take(saved, step)
        assert saved.seen() == kept.seen(), f"step {number} {step}"
        path.append(kept.seen())
    assert saved.workflow.data == kept.workflow.data
    return kept, saved, path


def test_a_loop_saved_at_every_pass_ends_as_in_memory_and_its_state_does_not_grow() -> None:
    rounds = 40
    steps: list[Step] = [("complete", "Task_review", {"note": f"pass {n}"})
                         for n in range(rounds)]
    kept, saved, _ = both_ways(USER_LOOP, "review_loop", steps, limit=rounds)
    assert saved.workflow.completed and saved.workflow.data["count"] == rounds
    assert saved.workflow.data["note"] == f"pass {rounds - 1}"
    assert abs(saved.sizes[-2] - saved.sizes[5]) < saved.sizes[5] / 100  # pass 39 and 5
    assert len(saved.workflow.tasks) < len(kept.workflow.tasks) / 10


def test_parallel_branches_saved_between_arrivals_join_as_in_memory() -> None:
    steps: list[Step] = [("complete", branch, {branch[-1].lower(): n})
                         for n, branch in enumerate(["Task_B", "Task_A", "Task_C"] * 2)]
    _, saved, path = both_ways(PARALLEL_LOOP, "three_reports", steps)
    assert [opened for opened, _, _ in path[:4]] == [
        ["Task_A", "Task_B", "Task_C"], ["Task_A", "Task_C"], ["Task_C"],
        ["Task_A", "Task_B", "Task_C"]]  # the second round waits for all three again
    assert saved.workflow.completed and saved.workflow.data["rounds"] == 2


def test_parallel_branches_of_a_loop_wait_for_every_branch_whatever_the_order() -> None:
    journey = Journey.start(PARALLEL_LOOP, "three_reports", saved=True)
    opened = []
    for branch in ["Task_B", "Task_A", "Task_C", "Task_C", "Task_A", "Task_B"]:
        journey.complete(branch)
        opened.append(journey.open_tasks())
    assert opened == [["Task_A", "Task_C"], ["Task_C"], ["Task_A", "Task_B", "Task_C"],
                      ["Task_A", "Task_B"], ["Task_B"], []]
    assert journey.workflow.completed


def test_an_inclusive_gateway_saved_between_arrivals_waits_for_the_branches_taken() -> None:
    steps: list[Step] = [("complete", "Task_police", {"police": "fine"}),
                         ("complete", "Task_urbanism", {"urbanism": "fine"})]
    _, saved, path = both_ways(INCLUSIVE, "some_reports", steps, ask=["police", "urbanism"])
    assert path[0][0] == ["Task_police", "Task_urbanism"]
    assert path[1][0] == ["Task_urbanism"]
    assert saved.workflow.completed
    assert saved.workflow.data["verdict"] == "fine/fine"


def test_a_boundary_timer_saved_while_armed_fires_as_in_memory() -> None:
    steps: list[Step] = [("complete", "Task_answer", {}),  # in time
                         ("wait", timedelta(days=3)),
                         ("wait", timedelta(days=8)),  # too late: the timer fires
                         ("complete", "Task_remind", {})]
    _, saved, path = both_ways(BOUNDARY_TIMER_LOOP, "answer_in_ten_days", steps)
    assert path[2] == (["Task_answer"], ["Event_ten_days"], False)
    assert path[3] == (["Task_remind"], [], False)
    assert saved.workflow.completed and saved.workflow.data["late"] is True


def test_a_message_awaited_in_a_loop_resumes_the_saved_process_as_in_memory() -> None:
    steps: list[Step] = []
    for n in range(3):
        steps += [("complete", "Task_require", {}),
                  ("deliver", "citizen_answer", {"documents": n + 1})]
    _, saved, path = both_ways(MESSAGE_LOOP, "require_until_complete", steps)
    assert path[1] == ([], ["Event_answer"], False)
    assert saved.workflow.completed and saved.workflow.data["received"] == 6


def test_an_answer_or_an_expiry_awaited_while_saved_goes_as_in_memory() -> None:
    steps: list[Step] = [("complete", "Task_require", {}),
                         ("deliver", "applicant_answered", {"text": "here it is"}),
                         ("complete", "Task_require", {}),
                         ("wait", timedelta(days=9)),
                         ("wait", timedelta(days=2)),  # the ten days are up
                         ("complete", "Task_withdraw", {})]
    _, saved, path = both_ways(EVENT_GATEWAY_LOOP, "answer_or_expiry", steps)
    assert path[1] == ([], ["Gateway_answer_or_expiry"], False)
    assert path[2] == (["Task_require"], [], False)
    assert path[5] == (["Task_withdraw"], [], False)
    assert saved.workflow.completed and saved.workflow.data["answers"] == ["here it is"]


def test_a_called_process_in_a_loop_returns_its_data_and_leaves_nothing_behind() -> None:
    steps: list[Step] = [("complete", "Task_check", {"ok": n == 4}) for n in range(5)]
    kept, saved, _ = both_ways(CALL_LOOP, "report_until_ok", steps)
    assert saved.workflow.completed and saved.workflow.data["reports"] == 5
    assert len(kept.workflow.subprocesses) == 5
    assert len(saved.workflow.subprocesses) <= 1


def test_a_called_process_waiting_on_people_is_saved_with_its_caller() -> None:
    steps: list[Step] = []
    for n in range(3):
        steps += [("complete", "Task_draft", {"draft": n}), ("complete", "Task_sign", {})]
    _, saved, path = both_ways(CALL_WAITING_LOOP, "sign_each_round", steps)
    assert [opened for opened, _, _ in path[:4]] == [
        ["Task_draft"], ["Task_sign"], ["Task_draft"], ["Task_sign"]]
    assert saved.workflow.completed
    assert (saved.workflow.data["rounds"], saved.workflow.data["draft"]) == (3, 2)


@pytest.mark.parametrize("sequential", [False, True], ids=["parallel", "sequential"])
def test_a_multi_instance_task_saved_between_items_collects_every_answer(
        sequential: bool) -> None:
    steps: list[Step] = [("complete", "Task_item", {"answer": f"yes {n}"}) for n in range(3)]
    _, saved, _ = both_ways(multi_instance("ask_each", sequential=sequential), "ask_each",
                            steps, items=["a", "b", "c"])
    assert saved.workflow.completed
    assert sorted(saved.workflow.data["answers"]) == ["yes 0", "yes 1", "yes 2"]


def test_a_long_history_saved_before_pruning_restores_and_runs_to_its_end() -> None:
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(USER_LOOP.encode())
    workflow = BpmnWorkflow(parser.get_spec("review_loop"),
                            script_engine=engine.SafeScriptEngine())
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data["limit"] = 120
    engine.run_engine(workflow)
    for _ in range(119):
        next(task for task in engine.tasks_in(workflow, TaskState.READY)).run()
        engine.run_engine(workflow)
    whole = str(engine.SERIALIZER.serialize_json(workflow))  # as saved before ADR 0028
    restored = engine.restore(whole, context=None)
    pruned = engine.dump(restored)
    assert len(pruned) < len(whole) / 10
    workflow = engine.restore(pruned, context=None)
    next(task for task in engine.tasks_in(workflow, TaskState.READY)).run()
    engine.run_engine(workflow)
    assert workflow.completed and workflow.data["count"] == 120


def test_a_forgotten_task_is_not_found_rather_than_failing() -> None:
    journey = Journey.start(USER_LOOP, "review_loop", saved=True, limit=3)
    first = next(task.id for task in engine.tasks_in(journey.workflow, TaskState.READY))
    journey.complete("Task_review")
    journey.complete("Task_review")
    assert engine.find_task(journey.workflow, first) is None
    ready = next(task for task in engine.tasks_in(journey.workflow, TaskState.READY))
    assert engine.find_task(journey.workflow, ready.id) is ready
