"""The safe expression and script language of process models (simpleeval, never Python eval).

Conditions, timer expressions, service-task parameters and DMN cells are *expressions*:
literals, names of process variables, arithmetic, comparisons, ``and``/``or``/``not``,
``x if c else y``, subscripts (``answers["subject"]``), list/dict literals and bounded
comprehensions, and calls to the functions of :data:`FUNCTIONS` only. No attribute
access at all (``a.b`` is refused: use ``a["b"]`` or ``get(a, "b")``), no names starting
with ``_``, no imports, no lambdas. The name ``data`` holds all the variables, so
``get(data, "maybe_missing")`` reads one that may not be set.

A script task's *script* is a sequence of lines ``name = expression`` (blank lines and
lines starting with ``#`` are ignored); each line sets the process variable ``name`` and
later lines see it. Nothing else is a statement: no loops, no ``if`` blocks, no ``def``.

Everything is bounded: expressions of at most :data:`MAX_EXPRESSION_CHARS`, scripts of at
most :data:`MAX_SCRIPT_CHARS` and :data:`MAX_SCRIPT_LINES`, powers, strings and
comprehensions capped by simpleeval's limits.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

import simpleeval

MAX_EXPRESSION_CHARS = 2_000
MAX_SCRIPT_CHARS = 10_000
MAX_SCRIPT_LINES = 200
MAX_INTEGER_BITS = 14_300
"""An integer result has at most this many bits (about 4,300 digits, as many as Python
writes out): a bigger power or product is refused before it is computed, since computing
``4000000 ** 4000000`` alone takes most of a minute."""
ASSIGNMENT = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*=(?!=)\s*(.+?)\s*$")


def _get(container: Any, key: Any, default: Any = None) -> Any:
    """``get(mapping, key, default)``: the value or the default (also for missing keys)."""
    if isinstance(container, Mapping):
        return container.get(key, default)
    return default


def _days(number: int | float) -> timedelta:
    return timedelta(days=number)


def _iso_date(value: str) -> date:
    return date.fromisoformat(value)


def _iso_datetime(value: str) -> datetime:
    return datetime.fromisoformat(value)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": abs, "all": all, "any": any, "bool": bool, "float": float, "int": int,
    "len": len, "max": max, "min": min, "round": round, "sorted": sorted, "str": str,
    "sum": sum, "lower": str.lower, "upper": str.upper, "strip": str.strip,
    "get": _get, "days": _days, "date": _iso_date, "datetime": _iso_datetime,
}
"""Every function an expression may call (nothing else is callable)."""

_FORBIDDEN_NODES: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access is not allowed (write data[\"key\"] or get(data, "
                   "\"key\"))",
    ast.Lambda: "lambda functions are not allowed",
    ast.NamedExpr: "assignment expressions (:=) are not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
    ast.Starred: "star arguments are not allowed",
}


class ScriptRefused(ValueError):
    """An expression or script the safe engine does not run, with the real reason."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        where = f" (line {line})" if line else ""
        super().__init__(f"{message}{where}")
        self.message = message
        self.source = source
        self.line = line


class ScriptFailed(RuntimeError):
    """A valid expression or script that failed while running (missing name, bad types)."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        where = f" (line {line})" if line else ""
        super().__init__(f"{message}{where}")
        self.message = message
        self.source = source
        self.line = line


def check_expression(expression: str, *, line: int | None = None) -> ast.Expression:
    """Parse ``expression`` and refuse anything outside the language (no evaluation)."""
    if not isinstance(expression, str) or not expression.strip():
        raise ScriptRefused("the expression is empty", source=str(expression), line=line)
    if len(expression) > MAX_EXPRESSION_CHARS:
        raise ScriptRefused(f"the expression is longer than {MAX_EXPRESSION_CHARS} "
                            "characters", source=expression[:80], line=line)
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise ScriptRefused(f"not a valid expression: {exc.msg}", source=expression,
                            line=line) from None
    for node in ast.walk(tree):
        reason = _FORBIDDEN_NODES.get(type(node))
        if reason:
            raise ScriptRefused(reason, source=expression, line=line)
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise ScriptRefused(f"names starting with '_' are not allowed ({node.id})",
                                source=expression, line=line)
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS
        ):
            name = node.func.id if isinstance(node.func, ast.Name) else "this"
            raise ScriptRefused(f"calling {name!r} is not allowed: only "
                                f"{', '.join(sorted(FUNCTIONS))}", source=expression, line=line)
    return tree


def parse_script(script: str) -> list[tuple[int, str, str]]:
    """The ``(line, name, expression)`` assignments of a script, or :class:`ScriptRefused`."""
    if len(script) > MAX_SCRIPT_CHARS:
        raise ScriptRefused(f"the script is longer than {MAX_SCRIPT_CHARS} characters")
    lines = script.splitlines()
    if len(lines) > MAX_SCRIPT_LINES:
        raise ScriptRefused(f"the script has more than {MAX_SCRIPT_LINES} lines")
    assignments: list[tuple[int, str, str]] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        match = ASSIGNMENT.match(text)
        if not match:
            raise ScriptRefused("each line of a script is 'name = expression'",
                                source=text.strip()[:80], line=number)
        name, expression = match.groups()
        check_expression(expression, line=number)
        assignments.append((number, name, expression))
    return assignments


def _bits(value: Any) -> int:
    return abs(value).bit_length() if isinstance(value, int) else 0


def _too_high(bits: int) -> None:
    if bits > MAX_INTEGER_BITS:
        raise simpleeval.NumberTooHigh(f"the result would have more than {MAX_INTEGER_BITS} "
                                       "bits")


def _power(base: Any, exponent: Any) -> Any:
    if _bits(base) > 1 and isinstance(exponent, int) and exponent > 0:
        _too_high((_bits(base) - 1) * exponent)
    return simpleeval.safe_power(base, exponent)


def _product(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int):
        _too_high(_bits(left) + _bits(right) - 1)
    return simpleeval.safe_mult(left, right)


class _Evaluator(simpleeval.EvalWithCompoundTypes):  # type: ignore[misc]
    """simpleeval with no attribute access and no assignment nodes, and integers of at
    most :data:`MAX_INTEGER_BITS` bits."""

    def __init__(self, names: Mapping[str, Any]) -> None:
        super().__init__(functions=dict(FUNCTIONS), names=dict(names))
        self.operators: dict[Any, Any] = {**simpleeval.DEFAULT_OPERATORS, ast.Pow: _power,
                                          ast.Mult: _product}
        for node in (ast.Assign, ast.AugAssign, ast.Import):
            self.nodes.pop(node, None)
        self.nodes[ast.Attribute] = self._refuse_attribute

    def _refuse_attribute(self, node: ast.Attribute) -> Any:
        raise simpleeval.FeatureNotAvailable(_FORBIDDEN_NODES[ast.Attribute])


def evaluate(expression: str, names: Mapping[str, Any], *, line: int | None = None) -> Any:
    """The value of ``expression`` with ``names`` as its variables."""
    check_expression(expression, line=line)
    try:
        return _Evaluator({**names, "data": dict(names)}).eval(expression.strip())
    except (simpleeval.FeatureNotAvailable, simpleeval.NumberTooHigh,
            simpleeval.IterableTooLong, simpleeval.FunctionNotDefined) as exc:
        raise ScriptRefused(str(exc), source=expression, line=line) from None
    except simpleeval.NameNotDefined as exc:
        raise ScriptFailed(f"unknown variable {exc.name!r}", source=expression,
                           line=line) from None
    except (ArithmeticError, LookupError, TypeError, ValueError,
            simpleeval.InvalidExpression) as exc:
        raise ScriptFailed(f"{type(exc).__name__}: {exc}", source=expression,
                           line=line) from None
    except RecursionError:
        raise ScriptRefused("the expression is nested too deeply", source=expression[:80],
                            line=line) from None


def run_script(script: str, data: dict[str, Any]) -> dict[str, Any]:
    """Run ``script`` on ``data`` in place; returns the variables it set."""
    assigned: dict[str, Any] = {}
    for number, name, expression in parse_script(script):
        data[name] = assigned[name] = evaluate(expression, data, line=number)
    return assigned
