"""The condition language: JSON Logic restricted to an allowlist of operators.

Rules are checked when a definition is validated (operators, arity, literal
``var`` names that exist) and evaluated with maykin-json-logic-py; the browser
runs the same rules with json-logic-js. Evaluation never raises: a rule that
fails at run time counts as false (``None`` for a computed value) and is logged.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from json_logic import jsonLogic

from eoffice.shared.i18n import _

log = logging.getLogger(__name__)

# Operators both json-logic-js and maykin-json-logic-py implement the same way,
# with none that calls methods, logs, loops or reads the clock.
ARITY: dict[str, tuple[int, int]] = {
    "==": (2, 2), "!=": (2, 2), "===": (2, 2), "!==": (2, 2),
    "<": (2, 3), "<=": (2, 3), ">": (2, 2), ">=": (2, 2),
    "!": (1, 1), "!!": (1, 1), "and": (1, 50), "or": (1, 50),
    "if": (1, 51), "?:": (3, 3), "in": (2, 2),
    "var": (1, 2), "missing": (1, 50), "missing_some": (2, 2),
    "+": (1, 50), "-": (1, 2), "*": (1, 50), "/": (2, 2), "%": (2, 2),
    "min": (1, 50), "max": (1, 50), "cat": (1, 50), "merge": (1, 50),
}
ALLOWED = frozenset(ARITY)
MAX_DEPTH = 16
MAX_NODES = 400
PATH = re.compile(r"^(?:[a-z][a-z0-9_]*|\d{1,4}|\*)(?:\.(?:[a-z][a-z0-9_]*|\d{1,4}|\*))*$")


@dataclass(frozen=True)
class RuleProblem:
    """What is wrong in a rule: ``kind`` is ``bad``, ``forbidden`` or ``unknown_field``."""

    kind: str
    message: str


FieldCheck = Callable[[str], str | None]  # a var name → why it is not a field, or None


class _Checker:
    def __init__(self, check_field: FieldCheck | None) -> None:
        self.check_field = check_field
        self.problems: list[RuleProblem] = []
        self.nodes = 0
        self.too_big = False

    def bad(self, message: str, kind: str = "bad") -> None:
        self.problems.append(RuleProblem(kind, message))

    def node(self, node: Any, depth: int) -> None:
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            if not self.too_big:
                self.too_big = True
                self.bad(_("The condition is too deeply nested or too long (at most "
                           "%(depth)s levels, %(nodes)s parts).", depth=MAX_DEPTH,
                           nodes=MAX_NODES))
            return
        if isinstance(node, list):
            for item in node:
                self.node(item, depth + 1)
        elif isinstance(node, dict):
            self.operation(node, depth)
        elif isinstance(node, float) and not math.isfinite(node):
            self.bad(_("Numbers in a condition must be finite."))
        elif node is not None and not isinstance(node, str | int | float | bool):
            self.bad(_("A condition holds only JSON values."))

    def operation(self, node: dict[Any, Any], depth: int) -> None:
        if len(node) != 1:
            self.bad(_("An operation is an object with exactly one operator."))
            return
        operator, args = next(iter(node.items()))
        if operator not in ALLOWED:
            self.bad(_("The operator “%(operator)s” is not allowed.",
                       operator=str(operator)[:40]), "forbidden")
            return
        args = args if isinstance(args, list) else [args]
        low, high = ARITY[operator]
        if not low <= len(args) <= high:
            self.bad(_("“%(operator)s” takes %(min)s to %(max)s arguments, not %(num)s.",
                       operator=operator, min=low, max=high, num=len(args)))
            return
        if operator == "var":
            self.name(args[0])
            self.node(args[1:], depth + 1)
        elif operator == "missing":
            names = args[0] if len(args) == 1 and isinstance(args[0], list) else args
            for name in names:
                self.name(name)
        elif operator == "missing_some":
            if not isinstance(args[0], int) or not isinstance(args[1], list):
                self.bad(_("“missing_some” takes a count and a list of field names."))
                return
            for name in args[1]:
                self.name(name)
        else:
            self.node(args, depth + 1)

    def name(self, name: Any) -> None:
        if not isinstance(name, str) or not PATH.match(name):
            self.bad(_("A field name is a literal path, like “applicant.nif”."))
        elif self.check_field is not None:
            why = self.check_field(name)
            if why:
                self.problems.append(RuleProblem("unknown_field", why))


def check_rule(rule: Any, check_field: FieldCheck | None = None) -> list[RuleProblem]:
    """Every problem of ``rule``; ``check_field`` says whether a ``var`` names a field."""
    checker = _Checker(check_field)
    try:
        checker.node(rule, 0)
    except RecursionError:  # pragma: no cover - guarded by MAX_DEPTH
        checker.bad(_("The condition is too deeply nested."))
    return checker.problems


def map_names(rule: Any, change: Callable[[str], str]) -> Any:
    """A copy of a checked ``rule`` with every field name passed through ``change``."""
    if isinstance(rule, list):
        return [map_names(item, change) for item in rule]
    if not isinstance(rule, dict) or len(rule) != 1:
        return rule
    operator, args = next(iter(rule.items()))
    args = args if isinstance(args, list) else [args]
    if operator == "var":
        name = change(args[0]) if isinstance(args[0], str) else args[0]
        return {"var": [name, *map_names(args[1:], change)]}
    if operator == "missing":
        names = args[0] if len(args) == 1 and isinstance(args[0], list) else args
        return {"missing": [change(n) if isinstance(n, str) else n for n in names]}
    if operator == "missing_some" and len(args) == 2:
        names = args[1] if isinstance(args[1], list) else []
        return {"missing_some": [args[0], [change(n) for n in names if isinstance(n, str)]]}
    return {operator: map_names(args, change)}


def rebase(rule: Any, prefix: str) -> Any:
    """``rule`` written inside a block, as seen from where the block is included."""
    if not prefix or isinstance(rule, bool) or rule is None:
        return rule
    return map_names(rule, lambda name: f"{prefix}.{name}")


def for_item(rule: Any, indices: tuple[int, ...]) -> Any:
    """``rule`` with each ``*`` replaced by the index of the current repeated item."""
    if not indices or isinstance(rule, bool) or rule is None:
        return rule

    def change(name: str) -> str:
        found = iter(indices)
        return ".".join(str(next(found, "*")) if p == "*" else p for p in name.split("."))

    return map_names(rule, change)


def evaluate(rule: Any, data: Any, indices: tuple[int, ...] = ()) -> Any:
    """The value of ``rule`` on ``data``; ``None`` when the rule is invalid or fails."""
    if rule is None or isinstance(rule, bool | int | float | str):
        return rule
    if check_rule(rule):
        log.warning("forms: an invalid condition was evaluated as false")
        return None
    try:
        return jsonLogic(for_item(rule, indices), data if isinstance(data, dict) else {})
    except Exception as exc:  # any failure of a rule means "no value"
        log.warning("forms: a condition failed at run time (%s)", type(exc).__name__)
        return None


def holds(rule: Any, data: Any, indices: tuple[int, ...] = ()) -> bool:
    """Whether ``rule`` is true on ``data`` (JSON Logic truthiness; failures are false)."""
    result = evaluate(rule, data, indices)
    try:
        return bool(result)
    except Exception:  # an object whose truth cannot be decided
        return False
