"""The safe script language of process models: what it runs, and what it refuses with a
clear error (imports, dunder tricks, huge powers and strings, endless constructs)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from SpiffWorkflow.exceptions import SpiffWorkflowException
from sqlalchemy.exc import OperationalError

from eoffice.processing.engine import SafeScriptEngine, StepFailed
from eoffice.processing.operators import Catalogue, Operator, RunContext
from eoffice.processing.scripting import (
    MAX_SCRIPT_CHARS,
    ScriptFailed,
    ScriptRefused,
    check_expression,
    evaluate,
    run_script,
)
from eoffice.processing.services.instances import _failed


def fake_task(data: dict[str, Any], element: str = "Task_check") -> Any:
    return SimpleNamespace(data=data, task_spec=SimpleNamespace(bpmn_id=element))


def test_conditions_read_process_variables() -> None:
    names = {"answers": {"area": 120}, "fee": 30}
    assert evaluate('answers["area"] > 100 and fee < 50', names) is True
    assert evaluate('get(data, "missing", "none")', names) == "none"
    assert evaluate("len([x for x in [1, 2, 3] if x > 1])", names) == 2


def test_a_script_sets_variables_line_by_line() -> None:
    data: dict[str, Any] = {"area": 80}
    assigned = run_script("# the fee\nsmall = area < 100\n\nrate = 2 if small else 3\n"
                          "fee = area * rate", data)
    assert assigned == {"small": True, "rate": 2, "fee": 160}
    assert data["fee"] == 160


@pytest.mark.parametrize("expression", [
    '__import__("os").system("true")',
    'open("/etc/passwd")',
    "eval('1')",
])
def test_imports_and_unlisted_functions_are_refused(expression: str) -> None:
    with pytest.raises(ScriptRefused, match="is not allowed"):
        evaluate(expression, {})


@pytest.mark.parametrize("expression", [
    "().__class__.__bases__[0].__subclasses__()",
    "answers.__class__",
    'answers.get("x")',
    "__builtins__",
    "(lambda: 1)()",
])
def test_attribute_and_dunder_tricks_are_refused(expression: str) -> None:
    with pytest.raises(ScriptRefused):
        evaluate(expression, {"answers": {}})


def test_an_import_statement_in_a_script_is_refused_with_its_line() -> None:
    with pytest.raises(ScriptRefused, match=r"name = expression.*line 2"):
        run_script("a = 1\nimport os", {})


@pytest.mark.parametrize("expression", ["9 ** 9 ** 9", "2 ** 100000000", "'x' * 10 ** 9"])
def test_huge_numbers_and_strings_are_refused(expression: str) -> None:
    with pytest.raises(ScriptRefused):
        evaluate(expression, {})


@pytest.mark.parametrize("script", [
    "while True: pass",
    "x = 1\nfor i in range(10): x = x + 1",
    "def f(): return f()",
])
def test_endless_constructs_are_not_statements_of_the_language(script: str) -> None:
    with pytest.raises(ScriptRefused, match="name = expression"):
        run_script(script, {})


def test_comprehensions_that_would_never_end_are_cut_short() -> None:
    with pytest.raises(ScriptRefused, match="too many"):
        evaluate("[a for a in 'x' * 99999 for b in 'y' * 99999]", {})


def test_scripts_and_expressions_are_bounded_in_length() -> None:
    with pytest.raises(ScriptRefused, match="longer than"):
        run_script("a = 1\n" * (MAX_SCRIPT_CHARS // 6 + 1), {})
    with pytest.raises(ScriptRefused, match="longer than"):
        check_expression("1 + " * 1000 + "1")


def test_a_missing_variable_is_a_failure_that_names_it() -> None:
    with pytest.raises(ScriptFailed, match="unknown variable 'area'"):
        evaluate("area > 3", {})


def test_the_engine_reports_the_element_and_the_real_cause() -> None:
    engine = SafeScriptEngine()
    with pytest.raises(StepFailed) as raised:
        engine.execute(fake_task({}, "Task_compute_fee"), "fee = area * 2")
    assert raised.value.element_id == "Task_compute_fee"
    assert "unknown variable 'area'" in raised.value.cause
    with pytest.raises(StepFailed, match=r"Gateway_big: .*attribute access"):
        engine.evaluate(fake_task({"a": 1}, "Gateway_big"), "a.__class__")


def test_the_engine_refuses_a_service_call_outside_an_instance() -> None:
    with pytest.raises(StepFailed, match="only inside an instance"):
        SafeScriptEngine().call_service(fake_task({}), operation_name="echo",
                                        operation_params={})


def test_an_unknown_operator_is_reported_by_name() -> None:
    with pytest.raises(StepFailed, match="unknown operator 'launch_rocket'"):
        SafeScriptEngine().call_service(fake_task({}), operation_name="launch_rocket",
                                        operation_params={})


def test_a_database_failure_in_an_operator_is_not_blamed_on_the_model() -> None:
    """The database lost mid-step (a restarted server, a deadlock) must reach the caller as
    itself: the request fails as a 5xx and is retried, instead of a 422 telling the clerk
    the process model is wrong (the reliability rounds that kill PostgreSQL found this)."""
    def lost(context: Any, params: dict[str, Any]) -> dict[str, Any]:
        raise OperationalError("UPDATE files_file", {},
                               Exception("server closed the connection"))

    def broken(context: Any, params: dict[str, Any]) -> dict[str, Any]:
        raise ValueError("no such template")

    catalogue = Catalogue()
    catalogue.register(Operator(name="lost", summary="", run=lost))
    catalogue.register(Operator(name="broken", summary="", run=broken))
    context = RunContext(session=None, instance_id="i",  # type: ignore[arg-type]
                         subject_kind="file", subject_id="f", unit_code="URB", actor="clerk")
    engine = SafeScriptEngine(context=context, catalogue=catalogue)
    with pytest.raises(OperationalError):
        engine.call_service(fake_task({}), operation_name="lost", operation_params={})
    with pytest.raises(StepFailed, match="broken failed: ValueError: no such template"):
        engine.call_service(fake_task({}), operation_name="broken", operation_params={})
    # SpiffWorkflow wraps what a task raises: the database failure is found underneath.
    try:
        try:
            engine.call_service(fake_task({}), operation_name="lost", operation_params={})
        except OperationalError as lost_connection:
            raise SpiffWorkflowException("service task failed") from lost_connection
    except SpiffWorkflowException as wrapped:
        with pytest.raises(OperationalError):
            _failed(wrapped)
