"""The service-task operators catalogue: the operations the issue asks for are there,
with declared inputs and outputs, and wrong parameters are named."""

from __future__ import annotations

import pytest

from eoffice.processing.operators import CATALOGUE, Catalogue, Operator

EXPECTED = {"render_document", "send_to_signature", "notify_party", "register_exit",
            "set_deadline", "suspend_deadline", "request_report", "publish_edict",
            "close_file"}


def test_the_catalogue_has_every_operation_of_the_issue() -> None:
    assert set(CATALOGUE.names()) >= EXPECTED
    for name in EXPECTED:
        operator = CATALOGUE.get(name)
        assert operator is not None and operator.outputs and operator.summary


def test_missing_and_unknown_parameters_are_named() -> None:
    operator = CATALOGUE.get("render_document")
    assert operator is not None
    problems = operator.check_params({"title", "colour"})
    assert any("'template' is required" in p for p in problems)
    assert any("no parameter 'colour'" in p for p in problems)
    assert operator.check_params({"template"}) == []


def test_an_operator_is_registered_once() -> None:
    catalogue = Catalogue()
    operator = Operator(name="x", summary="x", run=lambda context, params: {})
    catalogue.register(operator)
    with pytest.raises(ValueError, match="twice"):
        catalogue.register(operator)
