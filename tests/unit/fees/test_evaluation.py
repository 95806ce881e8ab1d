"""The calculator on parsed rules: amounts, explanations, rounding and bad answers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from eoffice.fees.errors import InvalidAnswers, MissingAnswers
from eoffice.fees.evaluate import evaluate
from eoffice.fees.explain import explain
from eoffice.fees.parsing import parse_schedule
from eoffice.fees.schedule import Schedule
from tests.unit.fees.samples import percentage_rule, texts


def schedule_of(document: dict[str, Any]) -> Schedule:
    schedule, problems = parse_schedule(document)
    assert problems == []
    assert schedule is not None
    return schedule


def test_two_percent_of_a_budget_is_explained_in_words() -> None:
    outcome = evaluate(schedule_of(percentage_rule()), {"budget": "12000.00"}, locale="en")
    assert outcome.amount == Decimal("240.00")
    assert explain(outcome, "en") == [
        "Licence fee: 2 % of a declared budget of €12,000.00 = €240.00",
        "The minimum fee is €60.00.",
        "Fee to pay: €240.00.",
    ]


def test_spanish_explanation_writes_amounts_the_spanish_way() -> None:
    outcome = evaluate(schedule_of(percentage_rule()), {"budget": "12000"}, locale="es")
    assert "12.000,00\u00a0€" in explain(outcome, "es")[0]
    assert explain(outcome, "es")[0].endswith("240,00\u00a0€")


def test_small_budget_pays_the_minimum_and_says_so() -> None:
    outcome = evaluate(schedule_of(percentage_rule()), {"budget": "1000"}, locale="en")
    assert outcome.amount == Decimal("60.00")
    assert "less than the minimum fee: €60.00" in explain(outcome, "en")[-2]


def test_large_family_reduction_halves_the_fee_before_the_minimum() -> None:
    answers = {"budget": "20000", "applicant": {"large_family": True}}
    outcome = evaluate(schedule_of(percentage_rule()), answers, locale="en")
    assert outcome.amount == Decimal("200.00")
    assert any(line.startswith("Reduction for large family: 50 %") for line in
               explain(outcome, "en"))


def test_exemption_makes_the_fee_zero_with_its_reason() -> None:
    rule = percentage_rule(exemptions=[{"key": "public_body", "reason": texts("public body"),
                                        "when": {"input": "large_family", "equals": True}}])
    outcome = evaluate(schedule_of(rule), {"budget": "5000", "applicant": {"large_family": True}})
    assert outcome.amount == Decimal("0.00")
    assert explain(outcome, "en") == ["Exempt from the fee: public body."]


def test_rounding_to_whole_euros_down_as_the_ordinance_says() -> None:
    rule = percentage_rule(rounding={"quantum": "1", "mode": "down"}, minimum="60")
    outcome = evaluate(schedule_of(rule), {"budget": "12345.67"})
    assert outcome.amount == Decimal("246.00")


def test_progressive_brackets_tax_each_slice_at_its_rate() -> None:
    rule = percentage_rule(charges=[{"key": "licence", "label": texts("Licence"), "base": {
        "kind": "brackets", "of": "budget", "progressive": True,
        "brackets": [{"up_to": "6000", "rate": "2"}, {"up_to": "60000", "rate": "1.5"},
                     {"rate": "1"}]}}], maximum="3000.00")
    schedule = schedule_of(rule)
    assert evaluate(schedule, {"budget": "20000"}).amount == Decimal("330.00")
    assert evaluate(schedule, {"budget": "500000"}).amount == Decimal("3000.00")


def test_flat_brackets_pay_the_amount_of_the_bracket_the_value_falls_in() -> None:
    rule = percentage_rule(charges=[{"key": "licence", "label": texts("Licence"), "base": {
        "kind": "brackets", "of": "budget",
        "brackets": [{"up_to": "6000", "amount": "80"}, {"amount": "150"}]}}])
    schedule = schedule_of(rule)
    assert evaluate(schedule, {"budget": "6000"}).amount == Decimal("80.00")
    assert evaluate(schedule, {"budget": "6000.01"}).amount == Decimal("150.00")


def terrace_rule() -> dict[str, Any]:
    return {
        "inputs": {
            "area": {"path": "area_m2", "type": "number", "unit": "m2", "label": texts("area")},
            "days": {"type": "days", "from": "start", "to": "end", "unit": "days",
                     "label": texts("days")},
            "category": {"path": "category", "type": "choice", "values": ["a", "b"],
                         "label": texts("street category")},
        },
        "charges": [{"key": "terrace", "label": texts("Terrace"), "base": {
            "kind": "per_unit", "of": ["area", "days"], "rate": {"by": "category", "rows": [
                {"values": ["a"], "value": "0.20", "label": texts("category A")},
                {"values": ["b"], "value": "0.125", "label": texts("category B")}]}}}],
    }


def test_terrace_is_square_metres_times_days_times_the_street_category_rate() -> None:
    answers = {"area_m2": "20", "start": "2027-06-01", "end": "2027-06-30", "category": "b"}
    outcome = evaluate(schedule_of(terrace_rule()), answers, locale="en")
    assert outcome.amount == Decimal("75.00")
    assert explain(outcome, "en")[0] == (
        "Terrace: 20 m² × 30 days × €0.125 (category B) = €75.00")  # noqa: RUF001


@pytest.mark.parametrize(("answers", "field", "code"), [
    ({"budget": "-5"}, "budget", "range"),
    ({"budget": "99999999"}, "budget", "range"),
    ({"budget": "lots"}, "budget", "invalid"),
    ({"budget": True}, "budget", "invalid"),
])
def test_negative_absurd_or_mistyped_values_are_refused_naming_the_answer(
        answers: dict[str, Any], field: str, code: str) -> None:
    with pytest.raises(InvalidAnswers) as caught:
        evaluate(schedule_of(percentage_rule()), answers, locale="en")
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, code)]


def test_missing_answer_is_named_with_its_label() -> None:
    with pytest.raises(MissingAnswers) as caught:
        evaluate(schedule_of(percentage_rule()), {}, locale="en")
    assert caught.value.errors[0].field == "budget"
    assert "budget" in caught.value.errors[0].message


def test_a_choice_the_table_does_not_price_is_an_invalid_answer() -> None:
    rule = terrace_rule()
    rule["inputs"]["category"].pop("values")
    answers = {"area_m2": "20", "start": "2027-06-01", "end": "2027-06-30", "category": "z"}
    with pytest.raises(InvalidAnswers):
        evaluate(schedule_of(rule), answers)


def test_a_conditional_charge_needs_its_answers_only_when_it_applies() -> None:
    rule = percentage_rule()
    rule["inputs"]["area"] = {"path": "area", "type": "number", "required": False,
                              "label": texts("area")}
    rule["charges"].append({"key": "road", "label": texts("Road"),
                            "when": {"input": "large_family", "equals": True},
                            "base": {"kind": "per_unit", "of": ["area"], "rate": "1"}})
    schedule = schedule_of(rule)
    assert evaluate(schedule, {"budget": "10000"}).amount == Decimal("200.00")
    with pytest.raises(MissingAnswers):
        evaluate(schedule, {"budget": "10000", "applicant": {"large_family": True}})
