"""The builder's condition editor (pure): the common case "when <field> <is | is not |
is yes | is no | is greater than> <value>" as JSON Logic and back; anything else is
written as raw JSON Logic by people who know it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from eoffice.shared.i18n import _

OPERATORS = ("equals", "not_equals", "is_yes", "is_no", "greater_than")
RULES = ("show_if", "required", "disable_if")
# The choice that means "no condition" for each rule ("yes" exists for required only).
NONE_MODE = {"show_if": "always", "required": "no", "disable_if": "never"}


@dataclass(frozen=True)
class Simple:
    """One comparison of a field with a value."""

    field: str
    operator: str
    value: str = ""


def operator_names() -> dict[str, str]:
    return {"equals": _("is"), "not_equals": _("is not"), "is_yes": _("is yes"),
            "is_no": _("is no"), "greater_than": _("is greater than")}


def number(text: str) -> int | float:
    try:
        found = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("Give a number, like 10 or 2.5.")) from None
    if not found.is_finite():
        raise ValueError(_("Give a number, like 10 or 2.5."))
    return int(found) if found == found.to_integral_value() else float(found)


def _typed(text: str, field_type: str | None) -> Any:
    if field_type == "number":
        return number(text)
    if field_type == "yes_no":
        return text.strip().lower() in ("yes", "true", "sí", "si")
    return text.strip()


def to_rule(simple: Simple, field_type: str | None) -> dict[str, Any]:
    """JSON Logic for ``simple``; ``ValueError`` with a message when it cannot be."""
    if not simple.field:
        raise ValueError(_("Choose the question the condition looks at."))
    if simple.operator not in OPERATORS:
        raise ValueError(_("Choose how to compare."))
    var = {"var": simple.field}
    if simple.operator in ("is_yes", "is_no"):
        return {"==": [var, simple.operator == "is_yes"]}
    if not simple.value.strip():
        raise ValueError(_("Give the value to compare with."))
    if simple.operator == "greater_than":
        return {">": [var, number(simple.value)]}
    value = _typed(simple.value, field_type)
    if field_type == "checkboxes":
        contains = {"in": [value, var]}
        return contains if simple.operator == "equals" else {"!": contains}
    return {"==" if simple.operator == "equals" else "!=": [var, value]}


def _var(value: Any) -> str | None:
    if isinstance(value, dict) and set(value) == {"var"} and isinstance(value["var"], str):
        return value["var"]
    return None


def _shown(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) or value is None else str(value)


def _negated(args: Any) -> Simple | None:
    negated = args[0] if isinstance(args, list) and len(args) == 1 else args
    inner = from_rule(negated)
    is_in = isinstance(negated, dict) and "in" in negated
    return Simple(inner.field, "not_equals", inner.value) if inner and is_in else None


def _compared(operator: str, field: str, value: Any) -> Simple | None:
    found = None
    if operator in ("==", "===") and isinstance(value, bool):
        found = Simple(field, "is_yes" if value else "is_no")
    elif operator in ("==", "===", "!=", "!==") and not isinstance(value, bool):
        found = Simple(field, "equals" if operator in ("==", "===") else "not_equals",
                       _shown(value))
    elif operator == ">" and isinstance(value, int | float) and not isinstance(value, bool):
        found = Simple(field, "greater_than", _shown(value))
    return found


def from_rule(rule: Any) -> Simple | None:
    """The simple form of ``rule``, or None when it is something else."""
    if not isinstance(rule, dict) or len(rule) != 1:
        return None
    (operator, args), = rule.items()
    if operator == "!":
        return _negated(args)
    if not isinstance(args, list) or len(args) != 2:
        return None
    if operator == "in" and _var(args[1]) and isinstance(args[0], str):
        return Simple(str(_var(args[1])), "equals", args[0])
    field, value = _var(args[0]), args[1]
    if field is None or isinstance(value, dict | list):
        return None
    return _compared(operator, field, value)


def describe(rule: Any, labels: Mapping[str, str]) -> str:
    """``rule`` in words when it is simple (“Road” is yes), else "a custom rule"."""
    simple = from_rule(rule)
    if simple is None:
        return str(_("a custom rule"))
    name = labels.get(simple.field) or simple.field
    words = operator_names()[simple.operator]
    if simple.operator in ("is_yes", "is_no"):
        return f"“{name}” {words}"
    return f"“{name}” {words} “{simple.value}”"


def condition_values(rule: Any, name: str) -> dict[str, str]:
    """What the condition editor shows for the current ``rule`` of property ``name``."""
    if rule is None or rule is False:
        return {"mode": NONE_MODE[name]}
    if rule is True:
        return {"mode": "yes" if name == "required" else "custom", "json": "true"}
    simple = from_rule(rule)
    text = json.dumps(rule, ensure_ascii=False)
    if simple is None:
        return {"mode": "custom", "json": text}
    return {"mode": "simple", "field": simple.field, "operator": simple.operator,
            "value": simple.value, "json": text}


def _custom(text: str) -> tuple[Any, str | None]:
    if not text:
        return None, str(_("Write the rule in JSON Logic, or choose another option."))
    try:
        return json.loads(text), None
    except ValueError as exc:
        return None, str(_("This is not valid JSON: %(problem)s", problem=str(exc)[:200]))


def read_condition(form: Mapping[str, str], name: str,
                   field_types: Mapping[str, str]) -> tuple[Any, str | None]:
    """(the new value of property ``name``, None to remove it; an error message)."""
    mode = form.get(f"{name}-mode", NONE_MODE[name])
    if mode == NONE_MODE[name]:
        return None, None
    if mode == "yes" and name == "required":
        return True, None
    if mode != "simple":
        return _custom(form.get(f"{name}-json", "").strip())
    field = form.get(f"{name}-field", "")
    simple = Simple(field, form.get(f"{name}-operator", ""), form.get(f"{name}-value", ""))
    try:
        return to_rule(simple, field_types.get(field)), None
    except ValueError as exc:
        return None, str(exc)
