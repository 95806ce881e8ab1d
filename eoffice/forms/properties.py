"""Checks of single properties of a definition: texts in three languages, numbers,
ranges, options, option sources. Each problem is reported with its place."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from eoffice.forms import errors, option_sources
from eoffice.forms.controls import NATIONAL_IDS, TEXT_FORMATS
from eoffice.forms.tree import LANGUAGES
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

KEY = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
MAX_TEXT = 2000
SOURCE_KEYS = {
    "endpoint": {"kind", "url", "value_field", "label_field", "items_field", "cache_seconds"},
    "taxonomy": {"kind", "taxonomy"},
}
Report = Callable[[str, type[errors.DefinitionProblem], str], None]



CONTROL_OR_SURROGATE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def printable(text: str) -> bool:
    """No C0 control characters (but tab and line breaks) and no lone surrogates:
    they cannot be stored as UTF-8 nor written to XML (the XForms export)."""
    return CONTROL_OR_SURROGATE.search(text) is None

class PropertyChecks:
    """Collects problems as ``FieldError(field=<pointer>, message, code)``."""

    def __init__(self, known_sources: Collection[str] | None = None) -> None:
        self.problems: list[FieldError] = []
        self.known_sources = known_sources

    def report(self, pointer: str, problem: type[errors.DefinitionProblem], message: str) -> None:
        self.problems.append(FieldError(pointer or "/", message, problem.code))

    def key(self, value: Any, pointer: str) -> bool:
        if isinstance(value, str) and KEY.match(value):
            return True
        self.report(pointer, errors.BadKey, _("A key must be snake_case, like “applicant_name”."))
        return False

    def text(self, value: Any, pointer: str) -> bool:
        """A text in every language: ``{"es": ..., "ca": ..., "en": ...}``."""
        if not isinstance(value, dict):
            self.report(pointer, errors.BadProperty,
                        _("A text is an object with one entry per language (es, ca, en)."))
            return False
        ok = True
        for language in LANGUAGES:
            item = value.get(language)
            if not isinstance(item, str) or not item.strip():
                self.report(f"{pointer}/{language}", errors.MissingTranslation,
                            _("The text in “%(language)s” is missing.", language=language))
                ok = False
            elif len(item) > MAX_TEXT:
                self.report(f"{pointer}/{language}", errors.BadProperty,
                            _("A text has at most %(num)s characters.", num=MAX_TEXT))
                ok = False
            elif not printable(item):
                self.report(f"{pointer}/{language}", errors.BadProperty,
                            _("A text may not hold control characters."))
                ok = False
        for extra in sorted(set(value) - set(LANGUAGES), key=str):
            self.report(f"{pointer}/{extra}", errors.UnknownProperty,
                        _("Texts are given in es, ca and en only."))
            ok = False
        return ok

    def messages(self, value: Any, pointer: str) -> None:
        if not isinstance(value, dict):
            self.report(pointer, errors.BadProperty, _("Messages are an object of texts."))
            return
        for name, text in value.items():
            if name not in ("required", "invalid"):
                self.report(f"{pointer}/{name}", errors.UnknownProperty,
                            _("Custom messages are “required” and “invalid”."))
            else:
                self.text(text, f"{pointer}/{name}")

    def integer(self, value: Any, pointer: str, *, low: int = 0, high: int = 100_000) -> bool:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return True
        self.report(pointer, errors.BadRange,
                    _("Give a whole number from %(min)s to %(max)s.", min=low, max=high))
        return False

    def number(self, value: Any, pointer: str) -> Decimal | None:
        if not isinstance(value, bool) and isinstance(value, int | float | str):
            try:
                number = Decimal(str(value))
            except InvalidOperation:
                number = None
            if number is not None and number.is_finite():
                return number
        self.report(pointer, errors.BadRange, _("Give a number, like 10 or “12.50”."))
        return None

    def iso_date(self, value: Any, pointer: str) -> date | None:
        try:
            if isinstance(value, str) and len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.report(pointer, errors.BadRange, _("Give a date as YYYY-MM-DD."))
        return None

    def ordered(self, props: dict[str, Any], pointer: str, low: str, high: str,
                read: Callable[[Any, str], Any]) -> None:
        """``props[low]`` and ``props[high]`` are valid and ``low <= high``."""
        values = {name: read(props[name], f"{pointer}/{name}") for name in (low, high)
                  if name in props}
        if None in values.values() or len(values) < 2:
            return
        if values[low] > values[high]:
            self.report(f"{pointer}/{low}", errors.BadRange,
                        _("The minimum is greater than the maximum."))

    def repeat(self, value: Any, pointer: str) -> None:
        if not isinstance(value, dict) or set(value) - {"min", "max"} or "max" not in value:
            self.report(pointer, errors.BadProperty,
                        _("A repetition is {\"min\": N, \"max\": M}."))
            return
        checked = {"min": value.get("min", 0), "max": value["max"]}
        self.ordered(checked, pointer, "min", "max",
                     lambda v, p: v if self.integer(v, p, high=100) else None)
        if value["max"] == 0:
            self.report(f"{pointer}/max", errors.BadRange, _("The maximum must be at least 1."))

    def options(self, value: Any, pointer: str) -> None:
        if not isinstance(value, list) or not value:
            self.report(pointer, errors.MissingOptions, _("Give at least one option."))
            return
        seen: set[str] = set()
        for index, option in enumerate(value):
            where = f"{pointer}/{index}"
            if not isinstance(option, dict) or set(option) != {"value", "label"}:
                self.report(where, errors.BadProperty,
                            _("An option is {\"value\": ..., \"label\": {...}}."))
                continue
            item = option["value"]
            if not isinstance(item, str) or not item or len(item) > 100 or not printable(item):
                self.report(f"{where}/value", errors.BadProperty,
                            _("An option value is a short, non-empty text."))
            elif item in seen:
                self.report(f"{where}/value", errors.DuplicateKey,
                            _("Two options have the same value."))
            else:
                seen.add(item)
            self.text(option["label"], f"{where}/label")

    def source(self, value: Any, pointer: str) -> None:
        if not isinstance(value, dict) or not isinstance(value.get("kind"), str):
            self.report(pointer, errors.BadProperty,
                        _("An option source is {\"kind\": ..., ...}."))
            return
        kind = value["kind"]
        for name, item in value.items():
            if kind in SOURCE_KEYS and name not in SOURCE_KEYS[kind]:
                self.report(f"{pointer}/{str(name)[:40]}", errors.UnknownProperty,
                            _("This property is not expected in this option source."))
            elif not isinstance(item, str | int | float | bool):
                self.report(f"{pointer}/{str(name)[:40]}", errors.BadProperty,
                            _("This value is not valid here."))
        if kind == "endpoint":
            self.endpoint(value.get("url"), f"{pointer}/url")
        if kind == "taxonomy" and not isinstance(value.get("taxonomy"), str):
            self.report(f"{pointer}/taxonomy", errors.MissingProperty,
                        _("A taxonomy source names its “taxonomy”."))
        if self.known_sources is not None and kind not in self.known_sources:
            self.report(f"{pointer}/kind", errors.UnknownSource,
                        _("No option source of kind “%(kind)s” is available.", kind=kind[:40]))

    def endpoint(self, url: Any, pointer: str) -> None:
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            self.report(pointer, errors.BadProperty,
                        _("An endpoint source needs an http(s) “url”."))
        elif not option_sources.allowed_hosts():
            self.report(pointer, errors.BadProperty,
                        _("Options cannot be fetched from other servers here: "
                          "no hosts are allowed for option sources."))
        elif not option_sources.endpoint_allowed(url):
            self.report(pointer, errors.BadProperty,
                        _("Options cannot be fetched from this host: "
                          "it is not allowed for option sources."))

    def choice_of(self, value: Any, pointer: str, allowed: tuple[str, ...]) -> None:
        if value not in allowed:
            self.report(pointer, errors.BadProperty,
                        _("Choose one of: %(values)s.", values=", ".join(allowed)))

    def accept(self, value: Any, pointer: str) -> None:
        if (not isinstance(value, list) or not value
                or not all(isinstance(item, str) for item in value)
                or len(set(value)) != len(value) or not set(value) <= set(NATIONAL_IDS)):
            self.report(pointer, errors.BadProperty,
                        _("Choose some of: %(values)s.", values=", ".join(NATIONAL_IDS)))

    def text_format(self, value: Any, pointer: str) -> None:
        self.choice_of(value, pointer, TEXT_FORMATS)

    def short_string(self, value: Any, pointer: str, *, pattern: str = r"^.{1,20}$") -> None:
        if not isinstance(value, str) or not re.match(pattern, value):
            self.report(pointer, errors.BadProperty, _("This value is not valid here."))
