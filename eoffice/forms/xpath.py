"""JSON Logic conditions as XPath 1.0 expressions, for the XForms export.

Supported: literals, ``var`` (absolute ``/data/...``; relative ``../`` inside
repeated items), ``== === != !==``, ``< <= > >=``, ``! !!``, ``and or``,
``if ?:`` (XForms 1.1 ``if()``), ``in`` (against a literal list, or a
checkboxes field with ``selected()``), ``+ - * / %``, ``cat`` (``concat()``) and
``missing`` (empty values). Anything else (``min``, ``max``, ``merge``,
``missing_some``) gives ``None``: the export then keeps the JSON Logic rule in
an ``eo:`` attribute instead.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

ROOT = "/data"
_BINARY = {"==": "=", "===": "=", "!=": "!=", "!==": "!=", ">": ">", ">=": ">=",
           "+": "+", "-": "-", "*": "*", "/": "div", "%": "mod"}


class Untranslatable(ValueError):
    """The rule uses something XPath 1.0 / XForms 1.1 cannot say."""


def element_path(path: str) -> str:
    """``applicant.nif`` → ``/data/applicant/nif``; repeated items share their element."""
    steps = [part for part in path.split(".") if part and part != "*"]
    return "/".join([ROOT, *steps])


def _reference(name: str, context: str) -> str:
    if "*" not in name:
        steps: list[str] = []
        for part in name.split("."):
            if part.isdecimal() and steps:
                steps[-1] += f"[{int(part) + 1}]"
            else:
                steps.append(part)
        return "/".join([ROOT, *steps])
    shared = [p for p in name[: name.rindex("*")].split(".") if p and p != "*"]
    here = [p for p in context.split(".") if p and p != "*"]
    there = [p for p in name.split(".") if p != "*"]
    ups = [".."] * (len(here) - len(shared))
    rest = there[len(shared):]
    return "/".join(ups + rest) or "."


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true()" if value else "false()"
    if value is None:
        return "''"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        if "'" not in value:
            return f"'{value}'"
        if '"' not in value:
            return f'"{value}"'
    raise Untranslatable(repr(value)[:40])


class _Translator:
    def __init__(self, context: str, is_multi: Callable[[str], bool]) -> None:
        self.context = context
        self.is_multi = is_multi

    def expr(self, node: Any) -> str:
        if not isinstance(node, dict):
            if isinstance(node, list):
                raise Untranslatable("list")
            return _literal(node)
        operator, args = next(iter(node.items()))
        args = args if isinstance(args, list) else [args]
        if operator in _BINARY and len(args) == 2:
            left, right = (self.operand(a) for a in args)
            return f"({left} {_BINARY[operator]} {right})"
        handlers = {
            "var": lambda: _reference(str(args[0]), self.context),
            "-": lambda: f"(-{self.expr(args[0])})",
            "<": lambda: self.between(operator, args),
            "<=": lambda: self.between(operator, args),
            "and": lambda: self.joined(operator, args),
            "or": lambda: self.joined(operator, args),
            "+": lambda: self.joined(operator, args),
            "*": lambda: self.joined(operator, args),
            "!": lambda: f"not({self.expr(args[0])})",
            "!!": lambda: f"boolean({self.expr(args[0])})",
            "if": lambda: self.conditional(args),
            "?:": lambda: self.conditional(args),
            "in": lambda: self.membership(args),
            "cat": lambda: self.concat(args),
            "missing": lambda: self.missing(args),
        }
        if operator not in handlers:
            raise Untranslatable(str(operator))
        return handlers[operator]()

    def operand(self, node: Any) -> str:
        """A comparison operand: yes/no answers are stored as 'true' and 'false'."""
        if isinstance(node, bool):
            return "'true'" if node else "'false'"
        return self.expr(node)

    def between(self, operator: str, args: list[Any]) -> str:
        parts = [self.expr(a) for a in args]
        return "(" + " and ".join(f"{a} {operator} {b}" for a, b in pairwise(parts)) + ")"

    def joined(self, operator: str, args: list[Any]) -> str:
        return "(" + f" {operator} ".join(self.expr(a) for a in args) + ")"

    def concat(self, args: list[Any]) -> str:
        parts = [self.expr(a) for a in args]
        return f"concat({', '.join(parts)})" if len(parts) > 1 else f"string({parts[0]})"

    def missing(self, args: list[Any]) -> str:
        names = args[0] if len(args) == 1 and isinstance(args[0], list) else args
        return "(" + " or ".join(f"{_reference(str(n), self.context)} = ''" for n in names) + ")"

    def conditional(self, args: list[Any]) -> str:
        if len(args) == 1:
            return self.expr(args[0])
        if len(args) == 2:
            return f"if({self.expr(args[0])}, {self.expr(args[1])}, '')"
        return f"if({self.expr(args[0])}, {self.expr(args[1])}, {self.conditional(args[2:])})"

    def membership(self, args: list[Any]) -> str:
        needle, haystack = args
        if isinstance(haystack, list):
            return "(" + " or ".join(f"{self.expr(needle)} = {_literal(v)}"
                                     for v in haystack) + ")" if haystack else "false()"
        if isinstance(haystack, dict) and "var" in haystack:
            name = haystack["var"][0] if isinstance(haystack["var"], list) else haystack["var"]
            if self.is_multi(str(name)):
                return f"selected({self.expr(haystack)}, {self.expr(needle)})"
        if isinstance(haystack, str):
            return f"contains({_literal(haystack)}, {self.expr(needle)})"
        raise Untranslatable("in")


def to_xpath(rule: Any, *, context: str, is_multi: Callable[[str], bool] = lambda _n: False,
             ) -> str | None:
    """``rule`` as XPath for a bind on ``context`` (a field path), or None."""
    if isinstance(rule, bool):
        return _literal(rule)
    try:
        return _Translator(context, is_multi).expr(rule)
    except (Untranslatable, TypeError, ValueError, IndexError, StopIteration, RecursionError):
        return None
