"""A process that loops hundreds of times still runs to its end: SpiffWorkflow's own
engine steps stop looking for tasks at depth 1,000 of the task tree, ours do not."""

from __future__ import annotations

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow  # type: ignore[import-untyped]
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser  # type: ignore[import-untyped]
from SpiffWorkflow.util.task import TaskState  # type: ignore[import-untyped]

from eoffice.processing import engine

LOOP = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  id="Definitions_loop" targetNamespace="http://eoffice.example/bpmn">
  <bpmn:process id="count_to_limit" isExecutable="true">
    <bpmn:startEvent id="StartEvent_start"/>
    <bpmn:scriptTask id="Task_count"><bpmn:script>count = get(data, "count", 0) + 1
</bpmn:script></bpmn:scriptTask>
    <bpmn:exclusiveGateway id="Gateway_again" default="Flow_end"/>
    <bpmn:endEvent id="EndEvent_end"/>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_start" targetRef="Task_count"/>
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_count" targetRef="Gateway_again"/>
    <bpmn:sequenceFlow id="Flow_again" sourceRef="Gateway_again" targetRef="Task_count">
      <bpmn:conditionExpression>count &lt; limit</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_end" sourceRef="Gateway_again" targetRef="EndEvent_end"/>
  </bpmn:process>
</bpmn:definitions>"""


def test_a_loop_deeper_than_spiffworkflows_search_runs_to_its_end() -> None:
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(LOOP)
    workflow = BpmnWorkflow(parser.get_spec("count_to_limit"),
                            script_engine=engine.SafeScriptEngine())
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data["limit"] = 600
    engine.run_engine(workflow)
    assert workflow.completed
    assert workflow.data["count"] == 600
