"""Processing engine: steps per second, save and restore time and state size of one process
instance as its completed steps grow (the issue's goal: linear, i.e. a constant cost per
step), on SpiffWorkflow with the safe engine, without a database (the instance row only
stores the state text).

    .venv/bin/python bench/processing.py [--steps 100 1000 10000] [--unpruned 100 1000]

One step is what a request does when a clerk completes a task: restore the state, complete
the ready user task, run the engine until the process waits again, save the state. The loop
of the model passes a script task, a call activity (a called process with its own script)
and a user task with a boundary timer (30 days, never due) before a gateway whose
condition sends it round again, so a step also evaluates expressions, starts and finishes a
sub-process and arms and cancels a timer.

Printed per size: steps/s of the whole run (wall clock), the CPU time per step (steadier
on a machine shared with others), the save (``engine.dump``) and restore
(``engine.restore``) time and the state size after the last step, and the ratio of the CPU
time per step to the smallest size's (1.0 = linear). ``--unpruned`` runs the same steps saving
with SpiffWorkflow's serializer alone (every finished task kept: the state before ADR 0028),
the baseline the pruned run is compared with; past about 200 steps SpiffWorkflow's
recursive tree walks fail there, and the table says at which step.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.specs.defaults import UserTask
from SpiffWorkflow.util.task import TaskState

from eoffice.processing import engine

MODEL = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  id="Definitions_bench" targetNamespace="http://eoffice.example/bpmn">
  <bpmn:process id="bench_loop" isExecutable="true">
    <bpmn:startEvent id="StartEvent_start"/>
    <bpmn:scriptTask id="Task_count"><bpmn:script>count = get(data, "count", 0) + 1
</bpmn:script></bpmn:scriptTask>
    <bpmn:callActivity id="Activity_check" calledElement="bench_check"/>
    <bpmn:userTask id="Task_step"/>
    <bpmn:boundaryEvent id="Event_too_late" attachedToRef="Task_step">
      <bpmn:timerEventDefinition><bpmn:timeDuration>"P30D"</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:exclusiveGateway id="Gateway_again" default="Flow_end"/>
    <bpmn:endEvent id="EndEvent_end"/>
    <bpmn:endEvent id="EndEvent_late"/>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_start" targetRef="Task_count"/>
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_count" targetRef="Activity_check"/>
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Activity_check" targetRef="Task_step"/>
    <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_step" targetRef="Gateway_again"/>
    <bpmn:sequenceFlow id="Flow_late" sourceRef="Event_too_late" targetRef="EndEvent_late"/>
    <bpmn:sequenceFlow id="Flow_again" sourceRef="Gateway_again" targetRef="Task_count">
      <bpmn:conditionExpression>count &lt; limit</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_end" sourceRef="Gateway_again" targetRef="EndEvent_end"/>
  </bpmn:process>
  <bpmn:process id="bench_check" isExecutable="true">
    <bpmn:startEvent id="StartEvent_check"/>
    <bpmn:scriptTask id="Task_check"><bpmn:script>checked = count * 2
</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="EndEvent_check"/>
    <bpmn:sequenceFlow id="Flow_c1" sourceRef="StartEvent_check" targetRef="Task_check"/>
    <bpmn:sequenceFlow id="Flow_c2" sourceRef="Task_check" targetRef="EndEvent_check"/>
  </bpmn:process>
</bpmn:definitions>"""

Save = Callable[[BpmnWorkflow], str]


def _pruned(workflow: BpmnWorkflow) -> str:
    return engine.dump(workflow)


def _unpruned(workflow: BpmnWorkflow) -> str:
    return str(engine.SERIALIZER.serialize_json(workflow))


@dataclass(frozen=True)
class Run:
    steps: int
    seconds: float
    cpu_seconds: float
    save_ms: float
    restore_ms: float
    state_bytes: int
    failed: str = ""

    @property
    def per_step_ms(self) -> float:
        """CPU time per step: steadier than wall time on a machine shared with others."""
        return self.cpu_seconds * 1000 / self.steps


def _started(steps: int) -> BpmnWorkflow:
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(MODEL)
    workflow = BpmnWorkflow(parser.get_spec("bench_loop"),
                            parser.get_subprocess_specs("bench_loop"),
                            script_engine=engine.SafeScriptEngine())
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data["limit"] = steps + 1
    engine.run_engine(workflow)
    return workflow


def _ready_user_task(workflow: BpmnWorkflow) -> UUID:
    found: UUID = next(task.id for task in engine.tasks_in(workflow, TaskState.READY)
                       if isinstance(task.task_spec, UserTask))
    return found


def _median_ms(call: Callable[[], object], rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(steps: int, save: Save) -> Run:
    """``steps`` requests of one instance, each restoring, stepping and saving it."""
    state = save(_started(steps))
    started, cpu_started = time.perf_counter(), time.process_time()
    for step in range(1, steps + 1):
        workflow = engine.restore(state, context=None)
        try:
            workflow.get_task_from_id(_ready_user_task(workflow)).run()
            engine.run_engine(workflow)
        except RecursionError:  # SpiffWorkflow walks the tree recursively in places
            return Run(steps=step, seconds=time.perf_counter() - started,
                       cpu_seconds=time.process_time() - cpu_started, save_ms=0,
                       restore_ms=0, state_bytes=len(state),
                       failed=f"RecursionError at step {step:,}")
        state = save(workflow)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    workflow = engine.restore(state, context=None)
    ready = workflow.get_task_from_id(_ready_user_task(workflow))
    assert ready.data["count"] == steps + 1, "the loop lost count: the bench is wrong"
    return Run(steps=steps, seconds=seconds, cpu_seconds=cpu_seconds,
               save_ms=_median_ms(lambda: save(workflow)),
               restore_ms=_median_ms(lambda: engine.restore(state, context=None)),
               state_bytes=len(state))


def _table(title: str, runs: list[Run]) -> None:
    print(f"\n{title}\n")
    print("| steps | steps/s (wall) | CPU per step | save | restore | state | "
          f"CPU per step vs {runs[0].steps:,} steps |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for measured in runs:
        if measured.failed:
            print(f"| {measured.steps:,} | {measured.failed} | | | | "
                  f"{measured.state_bytes / 1024:,.1f} KiB | |")
            continue
        print(f"| {measured.steps:,} | {measured.steps / measured.seconds:,.0f} | "
              f"{measured.per_step_ms:,.2f} ms | {measured.save_ms:,.2f} ms | "
              f"{measured.restore_ms:,.2f} ms | {measured.state_bytes / 1024:,.1f} KiB | "
              f"{measured.per_step_ms / runs[0].per_step_ms:,.2f} |")


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--steps", type=int, nargs="+", default=[100, 1000, 10000])
    arguments.add_argument("--unpruned", type=int, nargs="*", default=[100],
                           help="sizes to run without pruning (quadratic; beyond about 200 "
                                "steps SpiffWorkflow fails with a RecursionError)")
    options = arguments.parse_args()
    run(20, _pruned)  # warm up (imports, caches) before the baseline
    pruned = [run(steps, _pruned) for steps in options.steps]
    _table("Pruned (engine.dump, ADR 0028)", pruned)
    if options.unpruned:
        unpruned = [run(steps, _unpruned) for steps in options.unpruned]
        _table("Unpruned (SpiffWorkflow keeps every finished task: the baseline)", unpruned)
        by_size = {measured.steps: measured for measured in pruned}
        print("\n| steps | CPU per step: unpruned / pruned | state: unpruned / pruned |")
        print("| ---: | ---: | ---: |")
        for baseline in unpruned:
            if (mine := by_size.get(baseline.steps)) is not None and not baseline.failed:
                print(f"| {baseline.steps:,} | "
                      f"{baseline.per_step_ms / mine.per_step_ms:,.1f}x | "
                      f"{baseline.state_bytes / mine.state_bytes:,.1f}x |")


if __name__ == "__main__":
    main()
