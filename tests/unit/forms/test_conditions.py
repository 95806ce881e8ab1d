"""The condition language: only allowed JSON Logic, never code, never a crash."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eoffice.forms.conditions import (
    ALLOWED,
    RuleProblem,
    check_rule,
    evaluate,
    for_item,
    holds,
    rebase,
)

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(
    max_size=20)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=20,
)
operators = st.sampled_from(sorted(ALLOWED | {"log", "method", "eval", "__import__",
                                               "reduce", "map", "date", "today"}))
rules = st.recursive(
    scalars | st.builds(lambda name: {"var": name}, st.text(max_size=12)),
    lambda inner: st.builds(lambda op, args: {op: args}, operators,
                            st.lists(inner, max_size=4) | inner),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(rule=rules | json_values, data=json_values)
def test_any_rule_on_any_data_gives_a_value_or_none_and_never_raises(
    rule: Any, data: Any
) -> None:
    result = evaluate(rule, data)
    assert isinstance(holds(rule, data), bool)
    json.dumps(result, default=str)  # a plain value, not an object that could run code


@settings(max_examples=300, deadline=None)
@given(rule=rules | json_values)
def test_checking_any_rule_lists_problems_of_our_own_kinds(rule: Any) -> None:
    for problem in check_rule(rule, lambda name: None if name == "a" else "unknown"):
        assert isinstance(problem, RuleProblem)
        assert problem.kind in {"bad", "forbidden", "unknown_field"}
        assert problem.message


@settings(max_examples=200, deadline=None)
@given(rule=rules, data=json_values)
def test_evaluation_is_deterministic(rule: Any, data: Any) -> None:
    assert repr(evaluate(rule, data)) == repr(evaluate(rule, data))


@settings(max_examples=200, deadline=None)
@given(rule=rules, data=json_values)
def test_a_rule_with_a_forbidden_operator_is_never_run(rule: Any, data: Any) -> None:
    wrapped = {"and": [True, {"log": [rule]}]}
    assert evaluate(wrapped, data) is None


def test_code_in_a_rule_is_not_executed() -> None:
    for attack in ({"method": [{"var": "x"}, "__class__"]},
                   {"var": "__class__.__init__.__globals__"},
                   {"eval": "__import__('os').system('true')"}):
        assert not holds(attack, {"x": "text"})


def test_the_allowed_operators_work_as_in_json_logic() -> None:
    data = {"kind": "b", "m2": 12, "tags": ["x", "y"], "v": [{"p": 1}, {"p": 2}]}
    assert holds({"==": [{"var": "kind"}, "b"]}, data)
    assert holds({"and": [{">": [{"var": "m2"}, 10]}, {"in": ["x", {"var": "tags"}]}]}, data)
    assert evaluate({"*": [{"var": "m2"}, 2]}, data) == 24
    assert evaluate({"cat": ["a", {"var": "kind"}]}, data) == "ab"
    assert evaluate({"if": [{"var": "missing"}, "yes", "no"]}, data) == "no"
    assert evaluate({"missing": ["kind", "nope"]}, data) == ["nope"]
    assert evaluate({"var": "v.1.p"}, data) == 2


def test_a_rule_that_fails_at_run_time_counts_as_false() -> None:
    assert not holds({"%": [1, 0]}, {})
    assert evaluate({"+": ["not a number", 1]}, {}) is None


def test_a_deep_or_long_rule_is_refused() -> None:
    deep: Any = True
    for _ in range(40):
        deep = {"!": [deep]}
    assert any(p.kind == "bad" for p in check_rule(deep))
    assert evaluate(deep, {}) is None


def test_rules_written_in_a_block_follow_it_where_it_is_mounted() -> None:
    rule = {"and": [{"var": "plate"}, {"missing": ["make"]}, {"var": ["model", "x"]}]}
    assert rebase(rule, "vehicles.*") == {"and": [
        {"var": ["vehicles.*.plate"]}, {"missing": ["vehicles.*.make"]},
        {"var": ["vehicles.*.model", "x"]}]}


def test_a_star_means_the_current_item() -> None:
    rule = {"==": [{"var": "vehicles.*.plate"}, "1234BCD"]}
    data = {"vehicles": [{"plate": "0000BBB"}, {"plate": "1234BCD"}]}
    assert for_item(rule, (1,)) == {"==": [{"var": ["vehicles.1.plate"]}, "1234BCD"]}
    assert not holds(rule, data, (0,))
    assert holds(rule, data, (1,))
