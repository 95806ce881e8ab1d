"""The fee schedule as values: inputs read from the answers, charges, reductions,
exemptions, minimum, maximum and rounding (the parsed form of a rule's JSON)."""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Texts = Mapping[str, str]
LANGUAGES = ("es", "ca", "en")
INPUT_TYPES = ("number", "integer", "boolean", "choice", "days", "count", "street_category")
NUMERIC_TYPES = ("number", "integer", "days", "count")
CHOICE_TYPES = ("choice", "boolean", "street_category")  # what a lookup table may go by
UNITS = ("money", "m2", "m", "days", "hours", "items")
ROUNDING_MODES: dict[str, str] = {
    "half_up": decimal.ROUND_HALF_UP, "half_even": decimal.ROUND_HALF_EVEN,
    "down": decimal.ROUND_DOWN, "up": decimal.ROUND_UP,
}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Input:
    """A value the rule needs: where it is in the answers, its type and limits."""

    name: str
    type: str
    paths: tuple[str, ...]
    label: Texts
    unit: str | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    values: tuple[str, ...] | None = None
    required: bool = True

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES


@dataclass(frozen=True)
class Condition:
    """A declarative test on inputs: ``equals``, ``in``, comparisons, ``all``/``any``/``not``."""

    op: str
    input: str | None = None
    operand: Any = None
    parts: tuple[Condition, ...] = ()

    def inputs(self) -> set[str]:
        found = {self.input} if self.input else set()
        for part in self.parts:
            found |= part.inputs()
        return found


@dataclass(frozen=True)
class Row:
    """One row of a lookup table: the choices it matches, its value and how to say it."""

    values: tuple[Any, ...]
    value: Decimal
    label: Texts


@dataclass(frozen=True)
class Lookup:
    """A value that depends on a choice input (street category → €/m²/day)."""

    by: str
    rows: tuple[Row, ...]
    otherwise: Row | None = None

    def row_for(self, choice: Any) -> Row | None:
        for row in self.rows:
            if choice in row.values:
                return row
        return self.otherwise


Amount = Decimal | Lookup


@dataclass(frozen=True)
class Bracket:
    """A bracket of a declared value: up to ``up_to`` (None: no limit), a rate or an amount."""

    up_to: Decimal | None
    rate: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class Base:
    """How a charge is computed: ``fixed``, ``percentage``, ``per_unit`` or ``brackets``."""

    kind: str
    of: tuple[str, ...] = ()
    rate: Amount | None = None
    amount: Amount | None = None
    brackets: tuple[Bracket, ...] = ()
    progressive: bool = False

    def inputs(self) -> set[str]:
        found = set(self.of)
        for value in (self.rate, self.amount):
            if isinstance(value, Lookup):
                found.add(value.by)
        return found


@dataclass(frozen=True)
class Charge:
    """One line of the fee, charged when its condition holds (always without one)."""

    key: str
    label: Texts
    base: Base
    when: Condition | None = None

    def inputs(self) -> set[str]:
        return self.base.inputs() | (self.when.inputs() if self.when else set())


@dataclass(frozen=True)
class Reduction:
    """A percentage off the charges when ``when`` holds (large family, accessibility)."""

    key: str
    percent: Decimal
    reason: Texts
    when: Condition


@dataclass(frozen=True)
class Exemption:
    """Nothing to pay when ``when`` holds, for ``reason``."""

    key: str
    reason: Texts
    when: Condition


@dataclass(frozen=True)
class Rounding:
    """The ordinance's rounding: a quantum (0.01, 0.05, 1) and a mode."""

    quantum: Decimal = CENT
    mode: str = "half_up"

    def apply(self, value: Decimal) -> Decimal:
        steps = (value / self.quantum).quantize(Decimal(1), rounding=ROUNDING_MODES[self.mode])
        return (steps * self.quantum).quantize(CENT)


@dataclass(frozen=True)
class Schedule:
    """A parsed fee rule definition."""

    currency: str
    inputs: Mapping[str, Input]
    charges: tuple[Charge, ...]
    reductions: tuple[Reduction, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    rounding: Rounding = field(default_factory=Rounding)

    def paths(self) -> set[str]:
        """Every answer path the rule reads (checked against the pinned form)."""
        return {path for item in self.inputs.values() for path in item.paths}

    def address_paths(self) -> set[str]:
        """The paths of the city addresses whose street category the rule reads."""
        return {item.paths[0] for item in self.inputs.values() if item.type == "street_category"}


def text_in(texts: Texts, locale: str) -> str:
    """The text in ``locale``, else Spanish, else any."""
    return texts.get(locale) or texts.get("es") or next(iter(texts.values()), "")
