"""Process models under hostile input (hypothesis): the product's own BPMN models with
elements dropped or duplicated, references broken, cycles, no start event, deep nesting,
entities (billion laughs, XXE reading /etc/passwd), invalid UTF-8 and hostile expressions
are either valid or refused naming each problem with a ``processing.*`` code; no
expression runs code or runs for ever; through the API nothing is deployed by a refusal
and nothing answers a server error."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import example, given
from hypothesis import strategies as st
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.processing import engine
from eoffice.processing.models import ProcessModelVersion
from eoffice.processing.scripting import (
    ScriptFailed,
    ScriptRefused,
    check_expression,
    evaluate,
    run_script,
)
from eoffice.processing.services.repository import check_model
from eoffice.processing.services.test_run import run_trial
from tests.hostile.model_strategies import (
    ENTITIES,
    ENTITY_REFERENCE,
    ESCAPE_SCRIPTS,
    ESCAPES,
    bpmn_models,
    expressions,
    fuzz,
    real_model,
    with_flow,
    within,
)
from tests.unit.processing.test_long_loops import LOOP

Headers = Callable[[str], dict[str, str]]
CODE = re.compile(r"^processing\.[a-z0-9_]+$")
PWNED = Path("/tmp/eoffice-pwned")
DMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d"
  namespace="http://eoffice.example/dmn">
  <decision id="fee_band" name="Fee band"><decisionTable id="t">
    <input id="i"><inputExpression id="e"><text>amount</text></inputExpression></input>
    <output id="o" name="band"/>
    <rule id="r"><inputEntry id="ie"><text>{cell}</text></inputEntry>
      <outputEntry id="oe"><text>"low"</text></outputEntry></rule>
  </decisionTable></decision>
</definitions>"""


def _checked(session: Session, bpmn: bytes, dmn: tuple[bytes, ...] = ()) -> list[Any]:
    with within(30):
        inspection = check_model(session, bpmn, dmn)
    for problem in inspection.problems:
        assert CODE.match(problem.code), problem
        assert isinstance(problem.element, str) and problem.element
        assert "root:x:0:0" not in problem.message  # /etc/passwd never read
    return list(inspection.problems)


SELF_LOOP = with_flow("add_documents", "StartEvent_documents_needed",
                      "StartEvent_documents_needed")
"""Found by this fuzzing: it passed the checks, then SpiffWorkflow recursed without end."""
NO_SCRIPT = re.sub(rb"<bpmn:script>.*?</bpmn:script>", b"", real_model("add_documents"),
                   flags=re.DOTALL)
"""Found by this fuzzing: a script task with no script passed, then its test-run crashed."""


@fuzz(60)
@given(bpmn=bpmn_models())
@example(bpmn=SELF_LOOP).via("a start event flowing back to itself")
@example(bpmn=NO_SCRIPT).via("a script task without a script")
def test_any_mutated_model_is_valid_or_refused_naming_each_problem(db: Session,
                                                                   bpmn: bytes) -> None:
    problems = _checked(db, bpmn)
    if not problems:  # still a valid model: a test run ends, fails or waits, in time
        with within(60):
            report = run_trial(db, bpmn, sample={}, actor="fuzz", max_steps=40)
        assert report.outcome is not None
    assert not PWNED.exists()


@pytest.mark.parametrize("kind", sorted(ENTITIES))
def test_a_model_declaring_entities_is_refused_and_none_is_resolved(db: Session,
                                                                    kind: str) -> None:
    model = real_model("general_application").split(b"?>", 1)[-1]
    hostile = ENTITIES[kind] + model.replace(
        b'name="', b'name="' + ENTITY_REFERENCE[kind].encode(), 1)
    assert _checked(db, hostile)


@pytest.mark.parametrize("kind", sorted(ENTITIES))
def test_a_decision_table_declaring_entities_is_refused_and_none_is_resolved(
        db: Session, kind: str) -> None:
    table = ENTITIES[kind] + DMN.split(b"?>", 1)[1].replace(
        b"{cell}", ENTITY_REFERENCE[kind].encode())
    assert _checked(db, real_model("general_application"), (table,))


@pytest.mark.parametrize("table", [b"<definitions><oops", b"\xff\xfe", b"", b"<html/>"],
                         ids=["malformed", "not UTF-8", "empty", "not DMN"])
def test_a_broken_decision_table_is_refused(db: Session, table: bytes) -> None:
    assert _checked(db, real_model("general_application"), (table,))


@fuzz(150)
@given(expression=expressions(), value=st.integers() | st.text(max_size=5))
def test_no_expression_runs_code_or_runs_for_ever(expression: str, value: Any) -> None:
    with within(5), suppress(ScriptRefused, ScriptFailed):
        evaluate(expression, {"x": value, "amount": value})
    assert not PWNED.exists()


@pytest.mark.parametrize("expression", ESCAPES[:ESCAPES.index("9**9**9")])
def test_each_expression_reaching_for_python_is_refused_before_it_runs(
        expression: str) -> None:
    with pytest.raises(ScriptRefused):
        check_expression(expression)


@pytest.mark.parametrize("expression", ESCAPES[ESCAPES.index("9**9**9"):])
def test_each_expression_costing_too_much_is_refused_or_fails_in_time(
        expression: str) -> None:
    with within(5):
        try:
            value = evaluate(expression, {"data": {}})
        except (ScriptRefused, ScriptFailed):
            return
    assert isinstance(value, int | float | str | bool | list), value  # a value, never code


@pytest.mark.parametrize("script", ESCAPE_SCRIPTS)
def test_each_hostile_script_is_refused_in_time(script: str) -> None:
    with within(5), pytest.raises((ScriptRefused, ScriptFailed)):
        run_script(script, {})


def test_a_loop_that_never_ends_stops_with_a_failed_step(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MAX_ENGINE_STEPS", 300)  # the same stop, sooner
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(LOOP)
    workflow = BpmnWorkflow(parser.get_spec("count_to_limit"),
                            script_engine=engine.SafeScriptEngine())
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data["limit"] = 10**12
    with within(60), pytest.raises(engine.StepFailed, match="never ends"):
        engine.run_engine(workflow)


# --- through the API ----------------------------------------------------------------------

def _deployed(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(ProcessModelVersion)) or 0)


@fuzz(20)
@given(bpmn=bpmn_models(), with_table=st.booleans())
def test_a_hostile_upload_is_refused_and_nothing_is_deployed(
        client: FlaskClient, db: Session, token_for: Headers, bpmn: bytes,
        with_table: bool) -> None:
    before = _deployed(db)
    data: dict[str, Any] = {"file": (io.BytesIO(bpmn), "model.bpmn")}
    if with_table:
        data["dmn"] = (io.BytesIO(DMN.replace(b"{cell}", b"9**9**9")), "t.dmn")
    with within(60):
        response = client.post("/api/v1/process-models", headers=token_for("admin"),
                               content_type="multipart/form-data", data=data)
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.status_code in (200, 201):
        return  # the mutation kept a valid model
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] in ("processing.invalid_model", "request.too_large",
                                     "request.malformed"), response.json
    assert _deployed(db) == before
