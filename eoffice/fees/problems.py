"""Collecting the problems of a rule definition while reading it, each with its
place (a JSON pointer) and a stable code, and the small readers that check values."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from eoffice.fees.schedule import LANGUAGES, Texts
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

T = TypeVar("T")
DECIMAL = re.compile(r"^\d{1,12}(\.\d{1,8})?$")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,49}$")


class Problems:
    """The problems found so far; helpers add one and return a usable value or None."""

    def __init__(self) -> None:
        self.found: list[FieldError] = []

    def add(self, at: str, message: str, code: str) -> None:
        self.found.append(FieldError(at, message, code))

    def unknown(self, raw: Mapping[str, Any], allowed: Collection[str], at: str) -> None:
        for key in raw:
            if key not in allowed:
                self.add(f"{at}/{key}", _("Unknown property."), "fees.unknown_property")

    def shaped(self, raw: Any, at: str, allowed: Collection[str]) -> bool:
        """Whether ``raw`` is an object (noting unknown properties)."""
        if not isinstance(raw, Mapping):
            self.add(at, _("Expected an object here."), "fees.not_an_object")
            return False
        self.unknown(raw, allowed, at)
        return True

    def items(self, raw: Any, at: str, read: Callable[[Any, str], T | None], *,
              needed: bool = False) -> list[T]:
        if raw is None and not needed:
            return []
        if not isinstance(raw, list) or (needed and not raw):
            self.add(at, _("Expected a list with at least one item."), "fees.missing_property")
            return []
        found = [read(item, f"{at}/{index}") for index, item in enumerate(raw)]
        return [item for item in found if item is not None]

    def decimal(self, raw: Any, at: str, *, optional: bool = False) -> Decimal | None:
        """A decimal written as a string ("12.50"); JSON numbers are refused (ADR 0005)."""
        if raw is None and optional:
            return None
        if isinstance(raw, str) and DECIMAL.match(raw):
            try:
                return Decimal(raw)
            except InvalidOperation:  # pragma: no cover - the pattern excludes it
                pass
        self.add(at, _("Write a non-negative decimal as a string, like \"12.50\"."),
                 "fees.bad_amount")
        return None

    def amount(self, raw: Any, at: str, *, optional: bool = False) -> Decimal | None:
        return self.decimal(raw, at, optional=optional)

    def texts(self, raw: Any, at: str) -> Texts:
        if not isinstance(raw, Mapping):
            self.add(at, _("Give the text in es, ca and en."), "fees.missing_translation")
            return {}
        for language in LANGUAGES:
            value = raw.get(language)
            if not isinstance(value, str) or not value.strip():
                self.add(f"{at}/{language}", _("This text is missing."),
                         "fees.missing_translation")
        return {k: str(v) for k, v in raw.items() if k in LANGUAGES}

    def key(self, raw: Any, at: str) -> str:
        if not isinstance(raw, str) or not KEY.match(raw):
            self.add(at, _("Give a snake_case key."), "fees.bad_key")
            return ""
        return raw

    def known_input(self, name: Any, at: str, allowed: Collection[str]) -> str:
        if not isinstance(name, str) or name not in allowed:  # a list is no name (unhashable)
            self.add(at, _("There is no suitable input called “%(name)s”.", name=str(name)),
                     "fees.unknown_input")
            return ""
        return str(name)
