"""What the model fuzzing found, pinned down: a loop of sequence flows that no gateway
can leave (SpiffWorkflow recursed without end laying it out, so such a model passed the
checks and then failed when an instance started) and decision-table cells outside the
safe language are refused at upload, naming the flow or the cell; loops a gateway
decides on and ordinary cells are still accepted, and still run."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from lxml import etree
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.processing.engine import SafeScriptEngine, StepFailed, run_engine
from eoffice.processing.flow_loops import endless_loops
from eoffice.processing.models import ProcessModelVersion
from eoffice.processing.services.repository import check_model
from eoffice.processing.services.test_run import Outcome, run_trial
from tests.hostile.model_strategies import real_model, with_flow, within

Headers = Callable[[str], dict[str, str]]
HEAD = ('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
        'id="Definitions_loops" targetNamespace="http://eoffice.example/bpmn">'
        '<bpmn:process id="loops" isExecutable="true">')
START, END = '<bpmn:startEvent id="StartEvent_start"/>', '<bpmn:endEvent id="EndEvent_end"/>'


def script(task_id: str) -> str:
    return f'<bpmn:scriptTask id="{task_id}"><bpmn:script>n = 1</bpmn:script></bpmn:scriptTask>'


def model(*nodes: str, flows: list[tuple[str, str, str]], default: str = "") -> bytes:
    """A process of ``nodes`` joined by ``flows`` (source, target, condition)."""
    wired = "".join(
        f'<bpmn:sequenceFlow id="Flow_{source}_{target}" sourceRef="{source}" '
        f'targetRef="{target}">'
        + (f"<bpmn:conditionExpression>{condition}</bpmn:conditionExpression>"
           if condition else "") + "</bpmn:sequenceFlow>"
        for source, target, condition in flows)
    body = "".join(nodes).replace("DEFAULT", default)
    return (HEAD + body + wired + "</bpmn:process></bpmn:definitions>").encode()


GATEWAY = '<bpmn:exclusiveGateway id="Gateway_which" default="DEFAULT"/>'
BEHIND_A_GATEWAY = model(
    START, GATEWAY, script("Task_a"), script("Task_b"), END,
    flows=[("StartEvent_start", "Gateway_which", ""), ("Gateway_which", "EndEvent_end", ""),
           ("Gateway_which", "Task_a", "1 == 1"), ("Task_a", "Task_b", ""),
           ("Task_b", "Task_a", "")],
    default="Flow_Gateway_which_EndEvent_end")
THROUGH_A_GATEWAY = model(
    START, script("Task_a"), GATEWAY, END,
    flows=[("StartEvent_start", "Task_a", ""), ("Task_a", "Gateway_which", ""),
           ("Gateway_which", "Task_a", "n == 2"), ("Gateway_which", "EndEvent_end", "")],
    default="Flow_Gateway_which_EndEvent_end")


def _problems(db: Session, bpmn: bytes, dmn: tuple[bytes, ...] = ()) -> list[Any]:
    with within(30):
        return list(check_model(db, bpmn, dmn).problems)


def test_the_start_event_flowing_back_to_itself_found_by_fuzzing_is_refused(
        db: Session) -> None:
    """``@reproduce_failure('6.170.27', b'AEEAQQFBAEEHQQZBBkEA')``: a flow from the start
    event to itself, added to ``add_documents``."""
    problems = _problems(db, with_flow("add_documents", "StartEvent_documents_needed",
                                       "StartEvent_documents_needed"))
    assert [(p.element, p.code) for p in problems] == [
        ("Flow_fuzz_cycle", "processing.endless_loop")]
    assert "StartEvent_documents_needed" in problems[0].message
    assert "gateway" in problems[0].message


def test_a_loop_behind_a_gateway_is_refused_though_the_start_would_work(
        db: Session) -> None:
    problems = _problems(db, BEHIND_A_GATEWAY)
    assert [(p.element, p.code) for p in problems] == [
        ("Flow_Task_a_Task_b", "processing.endless_loop")]
    assert "Task_a, Task_b" in problems[0].message
    assert "Flow_Task_a_Task_b, Flow_Task_b_Task_a" in problems[0].message


def test_without_the_check_the_engine_recurses_for_ever_once_a_gateway_enters_the_loop(
        ) -> None:
    """Why the check exists: the same model, built by SpiffWorkflow alone, starts and
    then cannot go on (this fails the day SpiffWorkflow copes, and the check can go)."""
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(BEHIND_A_GATEWAY)
    workflow = BpmnWorkflow(parser.get_spec("loops"))
    with within(60), pytest.raises(RecursionError):
        workflow.do_engine_steps()


def test_a_loop_a_gateway_decides_on_is_accepted_and_runs_to_its_end(db: Session) -> None:
    assert _problems(db, THROUGH_A_GATEWAY) == []
    report = run_trial(db, THROUGH_A_GATEWAY, sample={}, actor="test")
    assert report.outcome == Outcome.ENDED
    assert [r.element for r in report.reached].count("Task_a") == 1


ZERO_TIMER = ('<bpmn:boundaryEvent id="Event_at_once" attachedToRef="Task_wait">'
              "<bpmn:timerEventDefinition><bpmn:timeDuration>\"PT0S\"</bpmn:timeDuration>"
              "</bpmn:timerEventDefinition></bpmn:boundaryEvent>")
CLERKS = ('<bpmn:laneSet id="LaneSet_loops"><bpmn:lane id="Lane_clerks">'
          "<bpmn:extensionElements><spiffworkflow:properties>"
          '<spiffworkflow:property name="unit" value="URB"/>'
          '<spiffworkflow:property name="role" value="clerk"/>'
          "</spiffworkflow:properties></bpmn:extensionElements>"
          "<bpmn:flowNodeRef>Task_wait</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>")
ESCALATION = model(
    CLERKS, START, '<bpmn:userTask id="Task_wait"/>', ZERO_TIMER, script("Task_a"), END,
    flows=[("StartEvent_start", "Task_wait", ""), ("Task_wait", "EndEvent_end", ""),
           ("Event_at_once", "Task_a", ""), ("Task_a", "Task_wait", "")])


def test_a_timer_looping_back_to_its_task_is_accepted_but_one_of_zero_fails_its_step(
        db: Session) -> None:
    """Back to the task after a timer (an escalation) is a loop the timer decides on, so
    the model is valid; with a timer of zero it never waits, and the engine's recursion
    ends as a failed step rather than a crash."""
    assert [p.code for p in _problems(db, ESCALATION)] == []
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(ESCALATION)
    workflow = BpmnWorkflow(parser.get_spec("loops"), script_engine=SafeScriptEngine())
    with within(60), pytest.raises(StepFailed, match="never ends"):
        run_engine(workflow)


@pytest.mark.parametrize(("nodes", "flows", "loops"), [
    ([script("A"), '<bpmn:parallelGateway id="P"/>'],
     [("A", "P"), ("P", "A"), ("P", "E")], [("A", "P")]),
    (['<bpmn:inclusiveGateway id="G"/>', script("A")], [("A", "G"), ("G", "A")], []),
    (['<bpmn:eventBasedGateway id="G"/>', script("A")], [("A", "G"), ("G", "A")], []),
    (['<bpmn:intermediateCatchEvent id="T"><bpmn:timerEventDefinition><bpmn:timeCycle>'
      '"R/PT1H"</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      script("A")], [("A", "T"), ("T", "A")], []),
    ([script("A"), script("B"), script("C"), script("D")],
     [("A", "B"), ("B", "A"), ("C", "D"), ("D", "C")], [("A", "B"), ("C", "D")]),
], ids=["parallel gateway", "inclusive gateway", "event-based gateway", "cycle timer",
        "two loops"])
def test_only_loops_nothing_decides_on_are_endless(nodes: list[str],
                                                  flows: list[tuple[str, str]],
                                                  loops: list[tuple[str, ...]]) -> None:
    root = etree.fromstring(model(*nodes, END.replace("EndEvent_end", "E"),
                                  flows=[(a, b, "") for a, b in flows]))
    assert [loop.elements for loop in endless_loops(root)] == loops


def test_every_product_model_has_no_endless_loop() -> None:
    for name in ("general_application", "minor_works", "terrace", "cultural_subsidy",
                 "add_documents", "require_completion", "hearing", "resolution"):
        assert endless_loops(etree.fromstring(real_model(name))) == [], name


# --- decision tables -------------------------------------------------------------------

TABLE = """<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d"
  name="d" namespace="http://eoffice.example/dmn">
  <decision id="fee_band" name="Fee band"><decisionTable id="t">
    <input id="Input_amount" label="Amount"><inputExpression id="e">
      <text>{expression}</text></inputExpression></input>
    <output id="Output_band" name="band"/>
    <rule id="Rule_low"><inputEntry id="Cell_low_amount"><text>{cell}</text></inputEntry>
      <outputEntry id="Cell_low_band"><text>{output}</text></outputEntry></rule>
    <rule id="Rule_other"><inputEntry id="Cell_other_amount"><text>-</text></inputEntry>
      <outputEntry id="Cell_other_band"><text>"high"</text></outputEntry></rule>
  </decisionTable></decision>
</definitions>"""


def table(*, expression: str = "amount", cell: str = "&lt; 100",
          output: str = '"low"') -> bytes:
    return TABLE.format(expression=expression, cell=cell, output=output).encode()


@pytest.mark.parametrize(("changed", "cell", "says"), [
    ({"cell": "__import__('os')"}, "Cell_low_amount", "rule 1, input 'Amount': calling "
                                                      "'__import__' is not allowed"),
    ({"cell": "? &gt; x.__class__"}, "Cell_low_amount", "attribute access"),
    ({"output": "open('/etc/passwd')"}, "Cell_low_band", "rule 1, output 'band': calling "
                                                         "'open'"),
    ({"expression": "_secret"}, "Input_amount", "the expression of input 'Amount': names "
                                                "starting with '_'"),
    ({"cell": "&lt; &lt; 3"}, "Cell_low_amount", "not a valid expression"),
], ids=["import in an input cell", "attribute in a ? cell", "call in an output cell",
        "private name in the input expression", "not an expression"])
def test_a_decision_cell_outside_the_language_is_refused_naming_the_cell(
        db: Session, changed: dict[str, str], cell: str, says: str) -> None:
    problems = _problems(db, real_model("general_application"), (table(**changed),))
    assert [(p.element, p.code) for p in problems] == [
        (cell, "processing.decision_cell_refused")]
    assert "decision table 'Fee band' (dmn[0])" in problems[0].message
    assert says in problems[0].message


BUSINESS_RULE = model(
    START, '<bpmn:businessRuleTask id="Task_band"><bpmn:extensionElements>'
           "<spiffworkflow:calledDecisionId>fee_band</spiffworkflow:calledDecisionId>"
           "</bpmn:extensionElements></bpmn:businessRuleTask>", END,
    flows=[("StartEvent_start", "Task_band", ""), ("Task_band", "EndEvent_end", "")])


@pytest.mark.parametrize(("cell", "amount", "band"), [
    ("&lt; 100", 50, "low"), ("&lt; 100", 500, "high"), ("10 &lt; ? &lt;= 100", 50, "low"),
    ("10 &lt; ? &lt;= 100", 5, "high"), ("50", 50, "low"), ("[1, 2, 50]", 50, "high"),
    ('"fifty"', "fifty", "low"), ("? in [1, 50]", 50, "low"),
], ids=["less than", "not less than", "range", "outside the range", "equal", "a list",
        "a text", "one of"])
def test_ordinary_decision_cells_are_accepted_and_decide(db: Session, cell: str,
                                                         amount: Any, band: str) -> None:
    dmn = (table(cell=cell),)
    assert _problems(db, BUSINESS_RULE, dmn) == []
    report = run_trial(db, BUSINESS_RULE, dmn=dmn, sample={"amount": amount}, actor="test")
    assert report.outcome == Outcome.ENDED, report.failure
    assert report.data["band"] == band


def test_an_upload_with_a_refused_cell_names_it_and_deploys_nothing(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    response = client.post(
        "/api/v1/process-models", headers=token_for("admin"),
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(BUSINESS_RULE), "band.bpmn"),
              "dmn": (io.BytesIO(table(cell="__import__('os')")), "band.dmn")})
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.json["code"] == "processing.invalid_model"
    assert [(e["field"], e["code"]) for e in response.json["errors"]] == [
        ("Cell_low_amount", "processing.decision_cell_refused")]
    assert db.scalars(select(ProcessModelVersion).where(
        ProcessModelVersion.key == "loops")).first() is None
