"""Reading a rule's JSON definition into a :class:`Schedule`, or the list of every
problem, each named by its place (``/charges/0/base/rate``) and a stable code.
Pure: no session, no Flask; messages through gettext."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from eoffice.fees import schedule as s
from eoffice.fees.conditions import parse_condition
from eoffice.fees.problems import Problems
from eoffice.shared.i18n import _

KEY = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
PATH = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
BASE_KINDS = ("fixed", "percentage", "per_unit", "brackets")
TOP = {"currency", "inputs", "charges", "reductions", "exemptions", "minimum", "maximum",
       "rounding"}
ABSURD = Decimal("1000000000")
Reader = Callable[[Any, str], Any]


def parse_schedule(document: Any) -> tuple[s.Schedule | None, list[Any]]:
    """The schedule of ``document`` and no problems, or None and every problem found."""
    problems = Problems()
    if not isinstance(document, Mapping):
        problems.add("", _("A fee rule is a JSON object."), "fees.not_an_object")
        return None, problems.found
    problems.unknown(document, TOP, "")
    inputs = _inputs(document.get("inputs"), problems)
    charges = problems.items(document.get("charges"), "/charges",
                             lambda raw, at: _charge(raw, at, inputs, problems), needed=True)
    reductions = problems.items(document.get("reductions", []), "/reductions",
                                lambda raw, at: _reduction(raw, at, inputs, problems))
    exemptions = problems.items(document.get("exemptions", []), "/exemptions",
                                lambda raw, at: _exemption(raw, at, inputs, problems))
    rounding = _rounding(document.get("rounding", {}), problems)
    minimum = problems.amount(document.get("minimum"), "/minimum", optional=True)
    maximum = problems.amount(document.get("maximum"), "/maximum", optional=True)
    for name, value in (("minimum", minimum), ("maximum", maximum)):
        if value is not None and rounding is not None and rounding.apply(value) != value:
            problems.add(f"/{name}", _("It must be a whole number of the rounding quantum."),
                         "fees.bad_amount")
    if minimum is not None and maximum is not None and minimum > maximum:
        problems.add("/maximum", _("The maximum is lower than the minimum."), "fees.bad_range")
    currency = document.get("currency", "EUR")
    if currency != "EUR":
        problems.add("/currency", _("Only EUR is supported."), "fees.bad_property")
    if problems.found or rounding is None:
        return None, problems.found
    return s.Schedule(currency=currency, inputs=inputs, charges=tuple(charges),
                      reductions=tuple(reductions), exemptions=tuple(exemptions),
                      minimum=minimum, maximum=maximum, rounding=rounding), []


def _inputs(raw: Any, problems: Problems) -> dict[str, s.Input]:
    found: dict[str, s.Input] = {}
    if raw is None:
        return found  # a flat fee reads no answer
    if not isinstance(raw, Mapping):
        problems.add("/inputs", _("Declare the inputs the rule reads (an object)."),
                     "fees.not_an_object")
        return found
    for name, spec in raw.items():
        at = f"/inputs/{name}"
        if not KEY.match(str(name)):
            problems.add(at, _("Names are snake_case."), "fees.bad_key")
        made = _input(str(name), spec, at, problems)
        if made is not None:
            found[str(name)] = made
    return found


def _input(name: str, spec: Any, at: str, problems: Problems) -> s.Input | None:
    if not isinstance(spec, Mapping):
        problems.add(at, _("An input is an object."), "fees.not_an_object")
        return None
    kind = spec.get("type")
    problems.unknown(spec, {"type", "path", "from", "to", "label", "unit", "min", "max",
                            "values", "required"}, at)
    if kind not in s.INPUT_TYPES:
        problems.add(f"{at}/type", _("Use one of: %(kinds)s.", kinds=", ".join(s.INPUT_TYPES)),
                     "fees.bad_property")
        return None
    names = ("from", "to") if kind == "days" else ("path",)
    paths = tuple(str(spec.get(key, "")) for key in names)
    for key, path in zip(names, paths, strict=True):
        if not PATH.match(path):
            problems.add(f"{at}/{key}", _("Give the answer's path, like “site.postcode”."),
                         "fees.bad_path")
    unit = spec.get("unit")
    if unit is not None and unit not in s.UNITS:
        problems.add(f"{at}/unit", _("Use one of: %(kinds)s.", kinds=", ".join(s.UNITS)),
                     "fees.bad_property")
    numeric = kind in s.NUMERIC_TYPES
    low = problems.decimal(spec.get("min", "0" if numeric else None), f"{at}/min", optional=True)
    high = problems.decimal(spec.get("max", str(ABSURD) if numeric else None), f"{at}/max",
                            optional=True)
    values = spec.get("values")
    if values is not None and (not isinstance(values, list) or not values
                               or not all(isinstance(v, str) for v in values)):
        problems.add(f"{at}/values", _("List the accepted choices as texts."),
                     "fees.bad_property")
        values = None
    return s.Input(name=name, type=kind, paths=paths, label=problems.texts(spec.get("label"),
                   f"{at}/label"), unit=unit, minimum=low, maximum=high,
                   values=tuple(values) if values else None,
                   required=spec.get("required", True) is not False)


def _charge(raw: Any, at: str, inputs: Mapping[str, s.Input],
            problems: Problems) -> s.Charge | None:
    if not problems.shaped(raw, at, {"key", "label", "base", "when"}):
        return None
    base = _base(raw.get("base"), f"{at}/base", inputs, problems)
    when = _when(raw.get("when"), f"{at}/when", inputs, problems, optional=True)
    label = problems.texts(raw.get("label"), f"{at}/label")
    key = problems.key(raw.get("key"), f"{at}/key")
    return s.Charge(key=key, label=label, base=base, when=when) if base else None


def _base(raw: Any, at: str, inputs: Mapping[str, s.Input],
          problems: Problems) -> s.Base | None:
    if not problems.shaped(raw, at, {"kind", "of", "rate", "amount", "brackets",
                                     "progressive"}):
        return None
    kind = raw.get("kind")
    if kind not in BASE_KINDS:
        problems.add(f"{at}/kind", _("Use one of: %(kinds)s.", kinds=", ".join(BASE_KINDS)),
                     "fees.bad_property")
        return None
    of = raw.get("of", [])
    of = [of] if isinstance(of, str) else of
    if not isinstance(of, list):
        of = []
    numbers = [name for name, item in inputs.items() if item.is_numeric]
    for index, name in enumerate(of):
        problems.known_input(name, f"{at}/of/{index}", numbers)
    expects = {"fixed": 0, "percentage": 1, "per_unit": None, "brackets": 1}[kind]
    if (expects is not None and len(of) != expects) or (expects is None and not of):
        problems.add(f"{at}/of", _("This kind of base needs %(what)s.", what={
            0: _("no input"), 1: _("one numeric input")}.get(expects or -1,
                                                             _("one or more numeric inputs"))),
            "fees.bad_property")
    rate = amount = None
    if kind in ("percentage", "per_unit"):
        rate = _amount(raw.get("rate"), f"{at}/rate", inputs, problems)
    if kind == "fixed":
        amount = _amount(raw.get("amount"), f"{at}/amount", inputs, problems)
    brackets = _brackets(raw.get("brackets"), f"{at}/brackets", problems,
                         progressive=raw.get("progressive") is True) if kind == "brackets" else ()
    return s.Base(kind=kind, of=tuple(of), rate=rate, amount=amount, brackets=brackets,
                  progressive=raw.get("progressive") is True)


def _amount(raw: Any, at: str, inputs: Mapping[str, s.Input],
            problems: Problems) -> s.Amount | None:
    if not isinstance(raw, Mapping):
        return problems.amount(raw, at)
    problems.unknown(raw, {"by", "rows", "otherwise"}, at)
    choices = [name for name, item in inputs.items() if item.type in s.CHOICE_TYPES]
    by = problems.known_input(raw.get("by"), f"{at}/by", choices)
    rows = problems.items(raw.get("rows"), f"{at}/rows",
                          lambda row, where: _row(row, where, problems), needed=True)
    otherwise = None
    if raw.get("otherwise") is not None:
        otherwise = _row({**raw["otherwise"], "values": []}
                         if isinstance(raw["otherwise"], Mapping) else raw["otherwise"],
                         f"{at}/otherwise", problems)
    return s.Lookup(by=by, rows=tuple(rows), otherwise=otherwise)


def _row(raw: Any, at: str, problems: Problems) -> s.Row | None:
    if not problems.shaped(raw, at, {"values", "value", "label"}):
        return None
    values = raw.get("values")
    if not isinstance(values, list):
        problems.add(f"{at}/values", _("List the choices of this row."), "fees.bad_property")
        values = []
    value = problems.amount(raw.get("value"), f"{at}/value")
    label = problems.texts(raw.get("label"), f"{at}/label")
    return s.Row(values=tuple(values), value=value, label=label) if value is not None else None


def _brackets(raw: Any, at: str, problems: Problems, *,
              progressive: bool) -> tuple[s.Bracket, ...]:
    def one(item: Any, where: str) -> s.Bracket | None:
        if not problems.shaped(item, where, {"up_to", "rate", "amount"}):
            return None
        up_to = problems.amount(item.get("up_to"), f"{where}/up_to", optional=True)
        rate = problems.amount(item.get("rate"), f"{where}/rate", optional=True)
        amount = problems.amount(item.get("amount"), f"{where}/amount", optional=True)
        if (rate is None) == (amount is None) or (progressive and amount is not None):
            problems.add(where, _("Give a bracket either a rate or an amount "
                                  "(progressive brackets: a rate)."), "fees.bad_property")
        return s.Bracket(up_to=up_to, rate=rate, amount=amount)

    found = problems.items(raw, at, one, needed=True)
    limits = [item.up_to for item in found]
    if found and (limits[-1] is not None or None in limits[:-1]
                  or any(a >= b for a, b in pairwise(limits[:-1])
                         if a is not None and b is not None)):
        problems.add(at, _("Brackets go up in order and the last one has no “up_to”."),
                     "fees.bad_range")
    return tuple(found)


def _reduction(raw: Any, at: str, inputs: Mapping[str, s.Input],
               problems: Problems) -> s.Reduction | None:
    if not problems.shaped(raw, at, {"key", "percent", "reason", "when"}):
        return None
    percent = problems.amount(raw.get("percent"), f"{at}/percent")
    if percent is not None and percent > 100:
        problems.add(f"{at}/percent", _("A reduction is at most 100 %."), "fees.bad_range")
    when = _when(raw.get("when"), f"{at}/when", inputs, problems)
    reason = problems.texts(raw.get("reason"), f"{at}/reason")
    key = problems.key(raw.get("key"), f"{at}/key")
    if percent is None or when is None:
        return None
    return s.Reduction(key=key, percent=percent, reason=reason, when=when)


def _exemption(raw: Any, at: str, inputs: Mapping[str, s.Input],
               problems: Problems) -> s.Exemption | None:
    if not problems.shaped(raw, at, {"key", "reason", "when"}):
        return None
    when = _when(raw.get("when"), f"{at}/when", inputs, problems)
    reason = problems.texts(raw.get("reason"), f"{at}/reason")
    key = problems.key(raw.get("key"), f"{at}/key")
    return s.Exemption(key=key, reason=reason, when=when) if when else None


def _when(raw: Any, at: str, inputs: Mapping[str, s.Input], problems: Problems, *,
          optional: bool = False) -> s.Condition | None:
    if raw is None and optional:
        return None
    return parse_condition(raw, at, inputs, problems)


def _rounding(raw: Any, problems: Problems) -> s.Rounding | None:
    if not problems.shaped(raw, "/rounding", {"quantum", "mode"}):
        return None
    quantum = problems.amount(raw.get("quantum", "0.01"), "/rounding/quantum")
    mode = raw.get("mode", "half_up")
    if not isinstance(mode, str) or mode not in s.ROUNDING_MODES:
        problems.add("/rounding/mode", _("Use one of: %(kinds)s.",
                                         kinds=", ".join(s.ROUNDING_MODES)), "fees.bad_property")
        return None
    if quantum is None or quantum <= 0 or quantum != quantum.quantize(s.CENT):
        problems.add("/rounding/quantum", _("The quantum is a positive amount in cents, "
                                            "like 0.01, 0.05 or 1."), "fees.bad_amount")
        return None
    try:
        return s.Rounding(quantum=quantum, mode=mode)
    except InvalidOperation:  # pragma: no cover - guarded above
        return None
