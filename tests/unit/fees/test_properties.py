"""Properties of every amount the calculator gives (hypothesis): never negative,
within the rule's minimum and maximum, and a whole number of the rounding quantum."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eoffice.fees.evaluate import evaluate
from eoffice.fees.parsing import parse_schedule
from tests.unit.fees.samples import texts

QUANTA = ["0.01", "0.05", "0.10", "1.00"]
MODES = ["half_up", "half_even", "down", "up"]
money = st.decimals(min_value=0, max_value=1_000_000, places=2, allow_nan=False,
                    allow_infinity=False)
rates = st.decimals(min_value=0, max_value=50, places=3, allow_nan=False,
                    allow_infinity=False)


@st.composite
def rules(draw: st.DrawFn) -> tuple[dict[str, Any], Decimal, Decimal | None, Decimal]:
    quantum = Decimal(draw(st.sampled_from(QUANTA)))
    minimum = (draw(st.integers(0, 200)) * quantum).quantize(Decimal("0.01"))
    maximum = None
    if draw(st.booleans()):
        maximum = minimum + (draw(st.integers(0, 10_000)) * quantum).quantize(Decimal("0.01"))
    document: dict[str, Any] = {
        "inputs": {
            "budget": {"path": "budget", "type": "number", "max": "1000000",
                       "label": texts("budget")},
            "area": {"path": "area", "type": "number", "max": "1000", "label": texts("area")},
            "reduced": {"path": "reduced", "type": "boolean", "label": texts("reduced")},
        },
        "charges": [
            {"key": "licence", "label": texts("Licence"),
             "base": {"kind": "percentage", "of": "budget", "rate": str(draw(rates))}},
            {"key": "area", "label": texts("Area"),
             "base": {"kind": "per_unit", "of": ["area"], "rate": str(draw(rates))}},
            {"key": "flat", "label": texts("Flat"),
             "base": {"kind": "fixed", "amount": str(draw(money))}},
            {"key": "slices", "label": texts("Slices"),
             "base": {"kind": "brackets", "of": "budget", "progressive": True, "brackets": [
                 {"up_to": "6000", "rate": str(draw(rates))},
                 {"up_to": "60000", "rate": str(draw(rates))},
                 {"rate": str(draw(rates))}]}},
        ],
        "reductions": [{"key": "big", "percent": str(draw(st.integers(0, 100))),
                        "reason": texts("reason"), "when": {"input": "reduced",
                                                            "equals": True}},
                       {"key": "more", "percent": str(draw(st.integers(0, 100))),
                        "reason": texts("more"), "when": {"input": "reduced", "equals": True}}],
        "minimum": str(minimum),
        "rounding": {"quantum": str(quantum), "mode": draw(st.sampled_from(MODES))},
    }
    if maximum is not None:
        document["maximum"] = str(maximum)
    return document, minimum, maximum, quantum


answers = st.fixed_dictionaries({
    "budget": money.map(str),
    "area": st.decimals(min_value=0, max_value=1000, places=2).map(str),
    "reduced": st.booleans(),
})


@settings(max_examples=300, deadline=None)
@given(rule=rules(), given_answers=answers)
def test_amounts_are_never_negative_within_limits_and_rounded_as_the_rule_says(
        rule: tuple[dict[str, Any], Decimal, Decimal | None, Decimal],
        given_answers: dict[str, Any]) -> None:
    document, minimum, maximum, quantum = rule
    schedule, problems = parse_schedule(document)
    assert problems == [] and schedule is not None
    outcome = evaluate(schedule, given_answers)
    assert outcome.amount >= 0
    assert outcome.amount >= minimum
    if maximum is not None:
        assert outcome.amount <= maximum
    assert outcome.amount % quantum == 0
    assert outcome.amount == outcome.amount.quantize(Decimal("0.01"))


@settings(max_examples=200, deadline=None)
@given(budget=money, rate=rates)
def test_cent_rounding_is_half_up_on_the_exact_decimal_product(budget: Decimal,
                                                               rate: Decimal) -> None:
    document = {"inputs": {"budget": {"path": "budget", "type": "number", "max": "1000000",
                                      "label": texts("budget")}},
                "charges": [{"key": "licence", "label": texts("Licence"), "base": {
                    "kind": "percentage", "of": "budget", "rate": str(rate)}}]}
    schedule, _problems = parse_schedule(document)
    assert schedule is not None
    exact = budget * rate / 100
    amount = evaluate(schedule, {"budget": str(budget)}).amount
    assert abs(amount - exact) <= Decimal("0.005")
    if abs(amount - exact) == Decimal("0.005"):
        assert amount > exact
