"""Fee rules that charge by the street category of a city address: the category comes
from the street map when the calculator has one, from the example's own answer when it
has none (examples, trying a draft), and an answer's claim never beats the map."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from eoffice.fees.errors import InvalidAnswers, MissingAnswers
from eoffice.fees.evaluate import evaluate
from eoffice.fees.examples import run_examples
from eoffice.fees.explain import explain
from eoffice.fees.parsing import parse_schedule
from eoffice.fees.schedule import Schedule
from tests.unit.fees.samples import texts

DEMO = Path(__file__).resolve().parents[3] / "eoffice" / "demo" / "fees_data.json"
STREET_MAP = {"01530-0012": "1", "00612-0100": "2", "04444-0001": None, "05555-0001": "3"}


def rule(**category: Any) -> dict[str, Any]:
    return {
        "inputs": {
            "area": {"path": "area_m2", "type": "number", "unit": "m2", "label": texts("area")},
            "category": {"path": "address", "type": "street_category", "values": ["1", "2"],
                         "label": texts("street category"), **category},
        },
        "charges": [{"key": "terrace", "label": texts("Terrace"), "base": {
            "kind": "per_unit", "of": ["area"], "rate": {"by": "category", "rows": [
                {"values": ["1"], "value": "48.00", "label": texts("first category")},
                {"values": ["2"], "value": "30.00", "label": texts("second category")}]}}}],
    }


def schedule_of(document: dict[str, Any]) -> Schedule:
    schedule, problems = parse_schedule(document)
    assert problems == [] and schedule is not None
    return schedule


def on_the_map(answers: dict[str, Any]) -> Decimal:
    return evaluate(schedule_of(rule()), answers, locale="en",
                    category_of=STREET_MAP.get).amount


def test_the_street_map_category_sets_the_rate() -> None:
    assert on_the_map({"area_m2": "10", "address": {"code": "01530-0012"}}) == Decimal("480.00")
    assert on_the_map({"area_m2": "10", "address": {"code": "00612-0100"}}) == Decimal("300.00")


def test_the_explanation_names_the_category_row() -> None:
    outcome = evaluate(schedule_of(rule()), {"area_m2": "10", "address": "00612-0100"},
                       locale="en", category_of=STREET_MAP.get)
    assert explain(outcome, "en")[0] == (
        "Terrace: 10 m² × €30.00 (second category) = €300.00")  # noqa: RUF001


def test_a_category_claimed_by_the_answers_is_ignored_when_the_map_is_asked() -> None:
    forged = {"area_m2": "10", "address": {"code": "00612-0100", "street_category": "1"}}
    assert on_the_map(forged) == Decimal("300.00")


def test_without_a_street_map_the_answer_states_the_category_as_examples_do() -> None:
    answers = {"area_m2": "10", "address": {"code": "X-0001", "street_category": "1"}}
    assert evaluate(schedule_of(rule()), answers).amount == Decimal("480.00")


@pytest.mark.parametrize("address", [
    {"code": "99999-0001"},   # not on the map
    {"code": "04444-0001"},   # no section, so no category
    {"code": "05555-0001"},   # a category the rule does not price
    {"label": "Colón, 12"},   # no code
    12,
])
def test_an_address_without_a_priced_category_is_an_invalid_answer(address: Any) -> None:
    with pytest.raises(InvalidAnswers) as caught:
        on_the_map({"area_m2": "10", "address": address})
    assert [(e.field, e.code) for e in caught.value.errors] == [("address", "invalid")]
    assert "street" in caught.value.errors[0].message


def test_no_address_is_a_missing_answer() -> None:
    with pytest.raises(MissingAnswers) as caught:
        on_the_map({"area_m2": "10"})
    assert [e.field for e in caught.value.errors] == ["address"]


def test_conditions_may_test_the_category() -> None:
    document = rule()
    document["exemptions"] = [{"key": "outskirts", "reason": texts("outskirts"),
                               "when": {"input": "category", "equals": "2"}}]
    schedule = schedule_of(document)
    answers = {"area_m2": "10", "address": {"code": "00612-0100"}}
    assert evaluate(schedule, answers, category_of=STREET_MAP.get).amount == Decimal("0.00")


def test_a_street_category_cannot_be_multiplied() -> None:
    document = rule()
    document["charges"][0]["base"]["of"] = ["area", "category"]
    _schedule, problems = parse_schedule(document)
    assert [p.field for p in problems] == ["/charges/0/base/of/1"]


@pytest.mark.parametrize("key", ["terrace_annual", "terrace_seasonal"])
def test_the_demo_terrace_rules_charge_by_street_category_and_pass_their_examples(
        key: str) -> None:
    item = next(r for r in json.loads(DEMO.read_text("utf-8"))["rules"] if r["key"] == key)
    schedule = schedule_of(item["definition"])
    assert [i.type for i in schedule.inputs.values() if i.paths == ("address",)] == [
        "street_category"]
    results = run_examples(schedule, item["examples"], "en")
    assert all(r.passed for r in results), [(r.name, r.actual) for r in results]
