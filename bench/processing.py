"""Processing engine: steps per second, save/restore time and state size as the number of
completed steps grows (the issue's goal: linear), on SpiffWorkflow with the safe engine,
without a database (the instance row only stores this text).

    .venv/bin/python bench/processing.py [--steps 100 1000 10000]

One step = completing a user task that loops back through a gateway whose condition and a
script task run in the safe language (so each step also evaluates expressions).
"""

from __future__ import annotations

import argparse
import time

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState

from eoffice.processing import engine

MODEL = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  id="Definitions_bench" targetNamespace="http://eoffice.example/bpmn">
  <bpmn:process id="bench_loop" isExecutable="true">
    <bpmn:startEvent id="StartEvent_start"/>
    <bpmn:scriptTask id="Task_count"><bpmn:script>count = get(data, "count", 0) + 1
</bpmn:script></bpmn:scriptTask>
    <bpmn:userTask id="Task_step"/>
    <bpmn:exclusiveGateway id="Gateway_again" default="Flow_end"/>
    <bpmn:endEvent id="EndEvent_end"/>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_start" targetRef="Task_count"/>
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_count" targetRef="Task_step"/>
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_step" targetRef="Gateway_again"/>
    <bpmn:sequenceFlow id="Flow_again" sourceRef="Gateway_again" targetRef="Task_count">
      <bpmn:conditionExpression>count &lt; limit</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_end" sourceRef="Gateway_again" targetRef="EndEvent_end"/>
  </bpmn:process>
</bpmn:definitions>"""


def run(steps: int) -> None:
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(MODEL)
    workflow = BpmnWorkflow(parser.get_spec("bench_loop"),
                            script_engine=engine.SafeScriptEngine())
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data["limit"] = steps + 1
    engine.run_engine(workflow)
    started = time.perf_counter()
    for _ in range(steps):
        task = workflow.get_next_task(state=TaskState.READY, manual=True,
                                      max_depth=engine.DEEPEST)
        task.run()
        engine.run_engine(workflow)
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    state = engine.dump(workflow)
    save = time.perf_counter() - started
    started = time.perf_counter()
    engine.restore(state, context=None)
    restore = time.perf_counter() - started
    print(f"| {steps} | {steps / elapsed:,.0f} | {save * 1000:,.1f} ms | "
          f"{restore * 1000:,.1f} ms | {len(state) / 1024:,.0f} KiB | "
          f"{len(state) / steps:,.0f} B |")


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--steps", type=int, nargs="+", default=[100, 1000, 10000])
    options = arguments.parse_args()
    print("| steps | steps/s | save | restore | state | state per step |")
    print("| --- | --- | --- | --- | --- | --- |")
    for steps in options.steps:
        run(steps)


if __name__ == "__main__":
    main()
