"""The calculator: a parsed schedule and the answers give the amount and the lines
that explain it. Pure Decimal arithmetic; each line is rounded as the rule says and
the total is the sum of the rounded lines (ADR 0005)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from eoffice.fees import schedule as s
from eoffice.fees.answers import CategoryOf, missing, read_inputs
from eoffice.fees.conditions import holds
from eoffice.fees.errors import InvalidAnswers, MissingAnswers
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

ZERO = Decimal("0")


class Unpriced(Exception):
    """A choice that the rule's table has no row for (and no ``otherwise``)."""
HUNDRED = Decimal("100")
MOST = Decimal("9999999999.99")
"""The largest fee an application records (Numeric(12, 2)): answers giving more are refused."""


@dataclass(frozen=True)
class Line:
    """One step of the calculation: what the explanation says, with its amount."""

    template: str
    amount: Decimal
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """The amount due and the steps that led to it."""

    amount: Decimal
    lines: tuple[Line, ...]


def _value(amount: s.Amount | None, values: Mapping[str, Any]) -> tuple[Decimal, s.Row | None]:
    if isinstance(amount, s.Lookup):
        row = amount.row_for(values[amount.by])
        if row is None:
            raise Unpriced(amount.by)
        return row.value, row
    return amount or ZERO, None


def _factor(schedule: s.Schedule, name: str, values: Mapping[str, Any]) -> dict[str, Any]:
    item = schedule.inputs[name]
    return {"value": values[name], "unit": item.unit, "label": item.label}


def _bracket_lines(charge: s.Charge, schedule: s.Schedule,
                   values: Mapping[str, Any]) -> list[Line]:
    base, rounding = charge.base, schedule.rounding
    declared = _factor(schedule, base.of[0], values)
    value, lower, lines = declared["value"], ZERO, []
    for bracket in base.brackets:
        upper = bracket.up_to
        inside = upper is None or value <= upper
        common = {"label": charge.label, "declared": declared, "lower": lower, "upper": upper}
        if base.progressive:
            portion = (value if inside or upper is None else upper) - lower
            if portion > 0:
                rate = bracket.rate or ZERO
                lines.append(Line("progressive", rounding.apply(portion * rate / HUNDRED),
                                  {**common, "portion": portion, "rate": rate}))
        elif inside:
            if bracket.amount is not None:
                return [Line("bracket_amount", rounding.apply(bracket.amount), common)]
            rate = bracket.rate or ZERO
            return [Line("bracket_rate", rounding.apply(value * rate / HUNDRED),
                         {**common, "rate": rate})]
        if inside:
            break
        lower = upper or lower
    return lines


def _charge_lines(charge: s.Charge, schedule: s.Schedule,
                  values: Mapping[str, Any]) -> list[Line]:
    base, rounding = charge.base, schedule.rounding
    if base.kind == "brackets":
        return _bracket_lines(charge, schedule, values)
    if base.kind == "fixed":
        amount, row = _value(base.amount, values)
        return [Line("fixed", rounding.apply(amount), {"label": charge.label, "row": row})]
    rate, row = _value(base.rate, values)
    factors = [_factor(schedule, name, values) for name in base.of]
    product = rate
    for factor in factors:
        product *= factor["value"]
    if base.kind == "percentage":
        product /= HUNDRED
    params = {"label": charge.label, "rate": rate, "row": row, "factors": factors,
              "currency": schedule.currency}
    return [Line(base.kind, rounding.apply(product), params)]


def _limits(schedule: s.Schedule, total: Decimal) -> tuple[Decimal, list[Line]]:
    lines = []
    if schedule.minimum is not None:
        applies = total < schedule.minimum
        lines.append(Line("minimum_applied" if applies else "minimum", schedule.minimum,
                          {"computed": total}))
        total = max(total, schedule.minimum)
    if schedule.maximum is not None and total > schedule.maximum:
        lines.append(Line("maximum_applied", schedule.maximum, {"computed": total}))
        total = schedule.maximum
    return total, lines


def _check(schedule: s.Schedule, values: dict[str, Any], invalid: list[Any],
           needed: set[str], locale: str) -> None:
    bad = {error.field for error in invalid}
    names = {n for n in needed if not set(schedule.inputs[n].paths) & bad}
    absent = missing(schedule.inputs, values, names, locale)
    if invalid:
        raise InvalidAnswers(errors=[*invalid, *absent])
    if absent:
        raise MissingAnswers(errors=absent)


def evaluate(schedule: s.Schedule, answers: Any, *, locale: str = "es",
             category_of: CategoryOf | None = None) -> Outcome:
    """The fee for ``answers``; :class:`MissingAnswers` or :class:`InvalidAnswers` name
    the answers that prevent it. ``category_of`` gives the street category of an
    address code (without it, the category an address answer states is used)."""
    values, invalid = read_inputs(schedule.inputs, answers, locale, category_of=category_of)
    required = {name for name, item in schedule.inputs.items() if item.required}
    _check(schedule, values, invalid, required, locale)
    for exemption in schedule.exemptions:
        if holds(exemption.when, values):
            return Outcome(ZERO.quantize(s.CENT), (
                Line("exemption", ZERO, {"reason": exemption.reason}),))
    active = [c for c in schedule.charges if c.when is None or holds(c.when, values)]
    _check(schedule, values, [], set().union(*(c.inputs() for c in active)), locale)
    try:
        lines = [line for charge in active for line in _charge_lines(charge, schedule, values)]
    except Unpriced as exc:
        item = schedule.inputs[str(exc.args[0])]
        raise InvalidAnswers(errors=read_inputs(
            {item.name: s.Input(**{**vars(item), "values": ()})}, answers, locale,
            category_of=category_of)[1]) from exc
    except InvalidOperation as exc:  # beyond Decimal's 28 digits
        raise _too_large(schedule, active) from exc
    try:
        total, more = _reduced(schedule, lines, values)
    except InvalidOperation as exc:
        raise _too_large(schedule, active) from exc
    if total > MOST:
        raise _too_large(schedule, active)
    return Outcome(total, (*lines, *more, Line("total", total)))


def _too_large(schedule: s.Schedule, active: list[s.Charge]) -> InvalidAnswers:
    """The refusal of answers whose fee no application could record, naming the numbers
    the charges read."""
    read = set().union(*(charge.inputs() for charge in active))
    paths = [item.paths[0] for name, item in schedule.inputs.items()
             if name in read and item.is_numeric] or [""]
    message = str(_("These answers give a fee larger than any that can be paid: check them."))
    return InvalidAnswers(errors=[FieldError(path, message, "range") for path in paths])


def _reduced(schedule: s.Schedule, lines: list[Line],
             values: Mapping[str, Any]) -> tuple[Decimal, list[Line]]:
    """The total after reductions, minimum and maximum, with the lines they add."""
    subtotal = sum((line.amount for line in lines), ZERO)
    reduced, added = ZERO, []
    for reduction in schedule.reductions:
        if holds(reduction.when, values):
            cut = min(schedule.rounding.apply(subtotal * reduction.percent / HUNDRED),
                      subtotal - reduced)
            reduced += cut
            added.append(Line("reduction", cut, {"reason": reduction.reason,
                                                 "percent": reduction.percent,
                                                 "base": subtotal}))
    total, limit_lines = _limits(schedule, subtotal - reduced)
    return total.quantize(s.CENT), [*added, *limit_lines]
