"""Rule definitions that do not parse are refused, each problem named by its place."""

from __future__ import annotations

from typing import Any

from eoffice.fees.parsing import parse_schedule
from tests.unit.fees.samples import percentage_rule, texts


def problems_of(document: Any) -> list[tuple[str, str]]:
    schedule, problems = parse_schedule(document)
    assert schedule is None
    return [(p.field, p.code) for p in problems]


def test_a_rule_that_is_not_an_object_is_refused() -> None:
    assert problems_of([1, 2]) == [("", "fees.not_an_object")]


def test_an_amount_written_as_a_json_number_is_refused() -> None:
    assert ("/minimum", "fees.bad_amount") in problems_of(percentage_rule(minimum=60))


def test_a_charge_on_an_undeclared_input_names_the_place() -> None:
    rule = percentage_rule(charges=[{"key": "licence", "label": texts("Licence"),
                                     "base": {"kind": "percentage", "of": "area", "rate": "2"}}])
    assert problems_of(rule) == [("/charges/0/base/of/0", "fees.unknown_input")]


def test_a_missing_translation_names_the_language() -> None:
    rule = percentage_rule()
    rule["charges"][0]["label"] = {"es": "Tasa", "ca": "Taxa", "en": ""}
    assert problems_of(rule) == [("/charges/0/label/en", "fees.missing_translation")]


def test_an_arbitrary_expression_is_not_a_condition() -> None:
    rule = percentage_rule()
    rule["reductions"][0]["when"] = {"==": [{"var": "large_family"}, True]}
    assert problems_of(rule) == [("/reductions/0/when", "fees.bad_condition")]


def test_minimum_above_maximum_is_refused() -> None:
    assert ("/maximum", "fees.bad_range") in problems_of(percentage_rule(maximum="10.00"))


def test_brackets_out_of_order_are_refused() -> None:
    rule = percentage_rule(charges=[{"key": "licence", "label": texts("Licence"), "base": {
        "kind": "brackets", "of": "budget",
        "brackets": [{"up_to": "600", "amount": "8"}, {"up_to": "100", "amount": "9"},
                     {"amount": "10"}]}}])
    assert problems_of(rule) == [("/charges/0/base/brackets", "fees.bad_range")]


def test_unknown_properties_and_rounding_modes_are_named() -> None:
    rule = percentage_rule(rounding={"quantum": "0.01", "mode": "bankers"}, colour="red")
    assert problems_of(rule) == [("/colour", "fees.unknown_property"),
                                 ("/rounding/mode", "fees.bad_property")]
