"""Fee rules and quotes under hostile input (hypothesis): any rule document either parses
or is refused naming each problem with a ``fees.*`` code; any answers to a valid rule give
either an amount of whole cents, never negative, or ``fees.missing_answers`` /
``fees.invalid_answers`` naming the answers; through the API a refused draft leaves the
rule as it was and nothing answers a server error."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.fees.errors import InvalidAnswers, MissingAnswers
from eoffice.fees.evaluate import MOST
from eoffice.fees.models import FeeRule, FeeRuleVersion
from eoffice.fees.parsing import parse_schedule
from eoffice.fees.services.quoting import calculate
from tests.hostile.model_strategies import fuzz, json_values, mutated, odd_texts, within

Headers = Callable[[str], dict[str, str]]
DEMO = json.loads((Path(__file__).resolve().parents[2] / "eoffice" / "demo" / "fees_data.json")
                  .read_text(encoding="utf-8"))["rules"]
RULES = {rule["key"]: rule for rule in DEMO}
BASE = "/api/v1/admin/fees"
TEXT = {"es": "Tasa", "ca": "Taxa", "en": "Fee"}
CODE = re.compile(r"^fees\.[a-z_]+$")
HUGE = "999999999999.99999999"


def _is_quote(amount: Any) -> bool:
    """Whole cents, never negative, and no more than an application can record."""
    return (isinstance(amount, Decimal) and 0 <= amount <= MOST
            and amount.as_tuple().exponent == -2)


# --- rule documents ----------------------------------------------------------------------

def documents() -> st.SearchStrategy[Any]:
    demo = st.sampled_from(DEMO).map(lambda rule: rule["definition"])
    return st.one_of(demo.flatmap(mutated), json_values(),
                     st.builds(lambda d: {"charges": [], "rounding": d}, json_values()))


@fuzz(100)
@given(document=documents())
def test_any_rule_document_parses_or_names_each_problem(document: Any) -> None:
    with within(10):
        schedule, problems = parse_schedule(document)
    assert (schedule is None) == bool(problems)
    assert all(CODE.match(p.code) and p.field.startswith("/") | (p.field == "")
               for p in problems), problems


@pytest.mark.parametrize("document", [
    {"charges": [{"key": "c", "label": TEXT, "base": {"kind": "fixed", "amount": "1"}}],
     "rounding": {"mode": []}},
    {"charges": [{"key": "c", "label": TEXT, "base": {"kind": "fixed", "amount": "1"}}],
     "rounding": {"mode": {"half_up": 1}}},
    {"inputs": {"kind": {"type": "choice", "path": "kind", "label": TEXT}},
     "charges": [{"key": "c", "label": TEXT, "base": {"kind": "fixed", "amount": "1"},
                  "when": {"input": ["kind"], "equals": "a"}}]},
], ids=["rounding mode a list", "rounding mode an object", "condition input a list"])
def test_a_rule_naming_things_with_lists_or_objects_is_refused(document: Any) -> None:
    schedule, problems = parse_schedule(document)
    assert schedule is None
    assert {p.code for p in problems} <= {"fees.bad_property", "fees.unknown_input"}


# --- valid rules and random answers ------------------------------------------------------

def amounts(*, most: str = HUGE) -> st.SearchStrategy[str]:
    """Decimal strings as rules write them (at most 12 digits and 8 decimals)."""
    return st.one_of(st.sampled_from(["0", "0.01", "1", "100", most, "0.00000001"]),
                     st.decimals(min_value=0, max_value=Decimal(most), places=2).map(str))


@st.composite
def fee_rules(draw: st.DrawFn) -> dict[str, Any]:
    """Valid rule documents: numeric inputs up to huge limits, every kind of base."""
    names = [f"n{index}" for index in range(draw(st.integers(1, 3)))]
    inputs = {name: {"type": draw(st.sampled_from(["number", "integer"])), "path": name,
                     "label": TEXT, "max": draw(st.sampled_from(["1", "1000", HUGE]))}
              for name in names}
    charges = []
    for index in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["fixed", "percentage", "per_unit", "brackets"]))
        base: dict[str, Any] = {"kind": kind}
        if kind == "fixed":
            base["amount"] = draw(amounts())
        elif kind == "percentage":
            base |= {"of": [draw(st.sampled_from(names))], "rate": draw(amounts())}
        elif kind == "per_unit":
            base |= {"of": draw(st.lists(st.sampled_from(names), min_size=1, max_size=4)),
                     "rate": draw(amounts())}
        else:
            drawn = draw(st.lists(amounts(most="999999999999"), max_size=3))
            limits = sorted({Decimal(limit): limit for limit in drawn}.values(), key=Decimal)
            progressive = draw(st.booleans())
            base |= {"of": [draw(st.sampled_from(names))], "progressive": progressive,
                     "brackets": [{"up_to": limit, "rate": draw(amounts())} if progressive
                                  or draw(st.booleans()) else
                                  {"up_to": limit, "amount": draw(amounts())}
                                  for limit in limits] + [{"rate": draw(amounts())}]}
        charges.append({"key": f"charge_{index}", "label": TEXT, "base": base})
    document = {"inputs": inputs, "charges": charges,
                "rounding": {"quantum": draw(st.sampled_from(["0.01", "0.05", "1"])),
                             "mode": draw(st.sampled_from(["half_up", "half_even", "down",
                                                           "up"]))}}
    if draw(st.booleans()):
        document["reductions"] = [{"key": "cut", "percent": draw(st.sampled_from(
            ["0", "50", "100", "33.33333333"])), "reason": TEXT,
            "when": {"input": names[0], "at_least": "1"}}]
    return document


def answer_values() -> st.SearchStrategy[Any]:
    digits = st.decimals(min_value=0, max_value=Decimal("999999999999999.9999999999"),
                         places=10)
    return st.one_of(digits.map(str), st.integers(min_value=-(10**20), max_value=10**20),
                     st.floats(),
                     st.sampled_from([HUGE, "999999999999", "999999999999999", "-1", "0"]),
                     odd_texts(), json_values(max_leaves=3))


HUGE_PRODUCT = {"inputs": {"n0": {"type": "number", "path": "n0", "label": TEXT, "max": HUGE}},
                "charges": [{"key": "c", "label": TEXT, "base": {
                    "kind": "per_unit", "of": ["n0", "n0", "n0"], "rate": HUGE}}]}


HUGE_FIXED = {"inputs": {"n0": {"type": "number", "path": "n0", "label": TEXT, "max": HUGE}},
              "charges": [{"key": "c", "label": TEXT,
                           "base": {"kind": "fixed", "amount": HUGE}}]}


@fuzz(60)
@given(document=fee_rules(), data=st.data())
@example(document=HUGE_PRODUCT, data=None).via("a product beyond Decimal's 28 digits")
@example(document=HUGE_FIXED, data=None).via("a fee larger than an application records")
def test_a_valid_rule_quotes_whole_cents_or_names_the_answers(
        app: Flask, document: Any, data: st.DataObject | None) -> None:
    schedule, problems = parse_schedule(document)
    assert schedule is not None, problems
    answers = data.draw(st.fixed_dictionaries({}, optional={
        name: answer_values() for name in schedule.inputs})) if data else {"n0": "999999999999"}
    with app.test_request_context(), within(10):
        try:
            outcome, lines = calculate(schedule, answers, locale="ca")
        except (MissingAnswers, InvalidAnswers) as refused:
            assert refused.errors
            assert {e.field for e in refused.errors} <= schedule.paths() | {""}
            return
    assert _is_quote(outcome.amount), outcome.amount
    assert lines


@fuzz(50)
@given(key=st.sampled_from(sorted(RULES)), data=st.data())
def test_demo_rules_quote_any_answers_or_name_them(app: Flask, key: str,
                                                   data: st.DataObject) -> None:
    schedule, _problems = parse_schedule(RULES[key]["definition"])
    assert schedule is not None
    example = data.draw(st.sampled_from(RULES[key]["examples"]))["answers"]
    answers = data.draw(st.one_of(mutated(example), st.dictionaries(
        st.sampled_from(sorted(schedule.paths())), answer_values())))
    with app.test_request_context(), within(10):
        try:
            outcome, _lines = calculate(schedule, answers, locale="es")
        except (MissingAnswers, InvalidAnswers) as refused:
            assert refused.errors
            return
    assert _is_quote(outcome.amount), outcome.amount


# --- through the API ----------------------------------------------------------------------

def _state(db: Session) -> tuple[Any, ...]:
    db.expire_all()
    versions = db.scalars(select(FeeRuleVersion).order_by(FeeRuleVersion.id)).all()
    return (db.scalar(select(func.count()).select_from(FeeRule)),
            [(v.id, v.state, json.dumps(v.definition, sort_keys=True)) for v in versions])


def _refused_cleanly(response: Any) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    assert response.status_code >= 400
    assert response.mimetype == "application/problem+json"
    assert CODE.match(response.json["code"]) or response.json["code"] in (
        "request.validation_failed", "request.malformed"), response.json


@fuzz(15)
@given(definition=st.sampled_from(DEMO).flatmap(lambda rule: mutated(rule["definition"],
                                                                     nul=False)))
def test_a_hostile_draft_is_refused_and_the_rule_stays_as_it_was(
        client: FlaskClient, db: Session, token_for: Headers, definition: Any) -> None:
    admin = token_for("admin")
    draft = client.post(f"{BASE}/removal_road_occupancy/drafts", headers=admin)
    number = draft.json["versions"][-1]["number"] if draft.status_code == 201 else 2
    before = _state(db)
    response = client.put(f"{BASE}/removal_road_occupancy/versions/{number}", headers=admin,
                          json={"definition": definition, "examples": []})
    if response.status_code == 200:
        return  # the change happened to be a valid rule
    _refused_cleanly(response)
    assert _state(db) == before


@fuzz(10)
@given(definition=json_values(nul=False), key=st.sampled_from(["fuzz_rule", "x"]))
def test_a_hostile_new_rule_is_refused_and_nothing_is_created(
        client: FlaskClient, db: Session, token_for: Headers, definition: Any, key: str) -> None:
    before = _state(db)
    response = client.post(BASE, headers=token_for("admin"), json={
        "key": key, "procedure": "minor-works", "case": "interior", "title": TEXT,
        "legal_reference": {"ordinance": TEXT, "article": "1"}, "definition": definition})
    _refused_cleanly(response)
    assert _state(db) == before


@fuzz(20)
@given(key=st.sampled_from(sorted(RULES)), data=st.data())
def test_the_public_calculator_quotes_or_refuses_any_answers(
        client: FlaskClient, key: str, data: st.DataObject) -> None:
    rule = RULES[key]
    example = data.draw(st.sampled_from(rule["examples"]))["answers"]
    answers = data.draw(mutated(example, nul=False))
    response = client.post("/api/v1/fees/quote?lang=ca", json={
        "procedure": rule["procedure"], "case": rule["case"], "answers": answers})
    if response.status_code == 200:
        assert re.fullmatch(r"\d+\.\d\d", response.json["amount"]), response.json
        return
    _refused_cleanly(response)
