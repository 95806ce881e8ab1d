"""Reading a rule's inputs from the form answers through their declared paths, with
a clear error for each missing, mistyped, negative or absurd value.

A ``street_category`` input reads a city address answer (its ``code``) and gives the
category of its street: looked up by the caller's ``category_of`` (the calculator
asks the street map), or, without one (examples, pure tests), the category the
answer states."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from eoffice.fees.numbers import number_text
from eoffice.fees.schedule import Input, text_in
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

NUMBER = re.compile(r"^-?\d{1,15}(\.\d{1,10})?$")
MISSING = object()
CategoryOf = Callable[[str], str | None]  # address code → street category (None: unknown)


def answer_at(answers: Any, path: str) -> Any:
    """The answer at ``path`` (``site.postcode``), or None."""
    value = answers
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return None if value == "" else value


def _number(raw: Any) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else None
    text = str(raw) if isinstance(raw, int | float) else raw
    if isinstance(text, str) and NUMBER.match(text.strip()):
        try:
            return Decimal(text.strip())
        except InvalidOperation:  # pragma: no cover - the pattern excludes it
            return None
    return None


def _days(answers: Any, item: Input) -> Any:
    raw = [answer_at(answers, path) for path in item.paths]
    if any(value is None for value in raw):
        return None
    try:
        start, end = (date.fromisoformat(str(value)) for value in raw)
    except ValueError:
        return MISSING
    return Decimal((end - start).days + 1) if end >= start else MISSING


def _typed(raw: Any, item: Input) -> Any:
    if item.type == "count":
        return Decimal(len(raw)) if isinstance(raw, list) else MISSING
    if item.type == "boolean":
        return raw if isinstance(raw, bool) else MISSING
    if item.type == "choice":
        ok = isinstance(raw, str) and (item.values is None or raw in item.values)
        return raw if ok else MISSING
    number = _number(raw)
    whole = number is not None and number == number.to_integral_value()
    return MISSING if number is None or (item.type == "integer" and not whole) else number


def _street_category(raw: Any, item: Input, category_of: CategoryOf | None) -> Any:
    code = raw.get("code") if isinstance(raw, Mapping) else raw
    if not isinstance(code, str) or not code:
        return MISSING
    if category_of is not None:  # never the category the answer claims
        category = category_of(code)
    else:
        category = raw.get("street_category") if isinstance(raw, Mapping) else None
    ok = isinstance(category, str) and (item.values is None or category in item.values)
    return category if ok else MISSING


def _value(answers: Any, item: Input, category_of: CategoryOf | None = None) -> Any:
    """The typed value, None when unanswered, MISSING when it cannot be read."""
    if item.type == "days":
        return _days(answers, item)
    raw = answer_at(answers, item.paths[0])
    if raw is None:
        return None
    if item.type == "street_category":
        return _street_category(raw, item, category_of)
    return _typed(raw, item)


def _unreadable(item: Input, locale: str) -> str:
    if item.type == "street_category":
        return str(_("The street of this address has no category for the fee: choose an "
                     "address of the city."))
    return str(_("The answer “%(label)s” is not valid for the fee.",
                 label=text_in(item.label, locale)))


def _out_of_range(item: Input, value: Decimal, locale: str) -> str | None:
    if item.minimum is not None and value < item.minimum:
        return str(_("%(label)s cannot be less than %(limit)s.",
                 label=text_in(item.label, locale).capitalize(),
                 limit=number_text(item.minimum, locale)))
    if item.maximum is not None and value > item.maximum:
        return str(_("%(label)s cannot be more than %(limit)s.",
                 label=text_in(item.label, locale).capitalize(),
                 limit=number_text(item.maximum, locale)))
    return None


def read_inputs(inputs: Mapping[str, Input], answers: Any, locale: str, *,
                category_of: CategoryOf | None = None,
                ) -> tuple[dict[str, Any], list[FieldError]]:
    """The value of every input (None when unanswered) and what cannot be read."""
    values: dict[str, Any] = {}
    problems: list[FieldError] = []
    for name, item in inputs.items():
        value = _value(answers, item, category_of)
        if value is MISSING:
            problems.append(FieldError(item.paths[-1], _unreadable(item, locale), "invalid"))
            value = None
        elif isinstance(value, Decimal):
            message = _out_of_range(item, value, locale)
            if message:
                problems.append(FieldError(item.paths[0], message, "range"))
                value = None
        values[name] = value
    return values, problems


def missing(inputs: Mapping[str, Input], values: Mapping[str, Any], names: set[str],
            locale: str) -> list[FieldError]:
    """An error for each of ``names`` that has no answer."""
    if all(values.get(name) is not None for name in names):
        return []
    return [FieldError(inputs[name].paths[0], _(
        "Answer “%(label)s” to calculate the fee.", label=text_in(inputs[name].label, locale)),
        "required") for name in sorted(names, key=list(inputs).index) if values.get(name) is None]
