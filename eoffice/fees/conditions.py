"""Declarative conditions on a rule's inputs (never eval, never JSON Logic): an input
``equals`` a value, is ``in`` a list, is ``at_least``/``at_most``/``greater_than``/
``less_than`` a number; ``all``, ``any`` and ``not`` combine them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from eoffice.fees.problems import Problems
from eoffice.fees.schedule import Condition, Input
from eoffice.shared.i18n import _

COMPARISONS = {
    "at_least": lambda a, b: a >= b, "at_most": lambda a, b: a <= b,
    "greater_than": lambda a, b: a > b, "less_than": lambda a, b: a < b,
}
TESTS = ("equals", "in", *COMPARISONS)
COMBINED = ("all", "any", "not")


def parse_condition(raw: Any, at: str, inputs: Mapping[str, Input],
                    problems: Problems) -> Condition | None:
    """The condition of ``raw``, or None after noting what is wrong with it."""
    if not isinstance(raw, Mapping):
        problems.add(at, _("A condition is an object."), "fees.bad_condition")
        return None
    combined = [key for key in COMBINED if key in raw]
    if combined and len(raw) == 1:
        op = combined[0]
        if op == "not":
            part = parse_condition(raw["not"], f"{at}/not", inputs, problems)
            return Condition(op="not", parts=(part,)) if part else None
        found = problems.items(raw[op], f"{at}/{op}",
                               lambda item, where: parse_condition(item, where, inputs, problems),
                               needed=True)
        return Condition(op=op, parts=tuple(found))
    tests = [key for key in TESTS if key in raw]
    if len(tests) != 1 or set(raw) != {"input", tests[0]}:
        problems.add(at, _("Write {\"input\": name, test: value} with one test of: %(tests)s; "
                           "or all, any, not.", tests=", ".join(TESTS)), "fees.bad_condition")
        return None
    op = tests[0]
    name = problems.known_input(raw.get("input"), f"{at}/input", inputs)
    if not name:
        return None
    operand = _operand(raw[op], op, inputs[name], f"{at}/{op}", problems)
    return Condition(op=op, input=name, operand=operand)


def _operand(raw: Any, op: str, item: Input, at: str, problems: Problems) -> Any:
    if op in COMPARISONS:
        if not item.is_numeric:
            problems.add(at, _("Only numeric inputs can be compared."), "fees.bad_condition")
        return problems.decimal(raw, at)
    values = raw if op == "in" else [raw]
    if not isinstance(values, list) or not values:
        problems.add(at, _("List the values."), "fees.bad_condition")
        return None
    expected: type = bool if item.type == "boolean" else str
    if not all(isinstance(v, expected) for v in values):
        problems.add(at, _("Compare with values of the input's type."), "fees.bad_condition")
        return None
    if item.is_numeric:
        values = [problems.decimal(v, at) for v in values]
    return tuple(values) if op == "in" else values[0]


def holds(condition: Condition, values: Mapping[str, Any]) -> bool:
    """Whether ``condition`` holds; a test on an unanswered input is false."""
    op = condition.op
    if op in COMBINED:
        results = (holds(part, values) for part in condition.parts)
        return {"all": all, "any": any}.get(op, lambda found: not next(found))(results)
    value = values.get(condition.input or "")
    if value is None:
        return False
    if op in ("equals", "in"):
        return bool(value == condition.operand if op == "equals" else value in condition.operand)
    return bool(COMPARISONS[op](Decimal(value), condition.operand))
