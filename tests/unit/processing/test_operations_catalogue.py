"""The operators that work on files replace the intent stand-ins (notification, the
exit register and edicts too: no operator records an intent any more). Operators of
files refuse other subjects, and a term to suspend, resume or meet must be named."""

from __future__ import annotations

from typing import Any

import pytest

from eoffice.processing.operators import CATALOGUE, RunContext

REAL = ("render_document", "send_to_signature", "set_deadline", "suspend_deadline",
        "resume_deadline", "meet_deadline", "request_report", "close_file",
        "notify_party", "register_exit", "publish_edict")


def _context(subject_kind: str = "file") -> RunContext:
    session: Any = None  # the checks below refuse before any use of the database
    return RunContext(session=session, instance_id="i-1", subject_kind=subject_kind,
                      subject_id="f-1", unit_code="URB", actor="test",
                      element_id="Task_x")


def _run(name: str, context: RunContext, **params: Any) -> dict[str, Any]:
    operator = CATALOGUE.get(name)
    assert operator is not None
    return operator.run(context, params)


def test_no_operator_records_an_intent_any_more() -> None:
    intents = {name for name in CATALOGUE.names()
               if CATALOGUE.operators[name].outputs == ("intent_id", "status")}
    assert intents == set()
    for name in REAL:
        assert CATALOGUE.operators[name].outputs != ("intent_id", "status"), name


@pytest.mark.parametrize("name", REAL)
def test_operators_of_files_refuse_a_process_of_another_subject(name: str) -> None:
    params = {"template": "resolution", "document": "d-1", "term": 1, "unit": "OTM"}
    operator = CATALOGUE.operators[name]
    given = {key: value for key, value in params.items() if key in operator.inputs}
    with pytest.raises(ValueError, match="runs for files, not for submission"):
        _run(name, _context("submission"), **given)


@pytest.mark.parametrize("name", ["suspend_deadline", "resume_deadline", "meet_deadline"])
def test_a_term_to_act_on_is_named_by_id_or_kind(name: str) -> None:
    with pytest.raises(ValueError, match="needs the term's id"):
        _run(name, _context())


def test_a_template_that_cannot_be_drafted_is_named() -> None:
    with pytest.raises(ValueError,
                       match=r"no template 'letter'.*known: proposal, report, resolution"):
        _run("render_document", _context(), template="letter")


def test_models_may_give_the_signer_and_the_terms_by_name() -> None:
    signature = CATALOGUE.operators["send_to_signature"]
    assert signature.check_params({"document", "signer_role", "signer_unit"}) == []
    assert CATALOGUE.operators["meet_deadline"].check_params({"kind"}) == []
    assert CATALOGUE.operators["suspend_deadline"].check_params({"term", "reason"}) == []
