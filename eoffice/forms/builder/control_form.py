"""The properties form of one control (pure): which inputs a control type has, what
they show for the control as stored, and the changes a posted form makes.

Inputs are named after the properties: ``label-es``, ``hint-ca``, ``key``,
``prop-max_length``, ``option-0-value``, ``option-0-label-en``, ``repeat``,
``repeat-min``, ``block-version``, ``expression-json`` and the condition editor's
``show_if-mode`` ... (see :mod:`conditions_form`). Errors are ``(input id, message)``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from eoffice.forms.builder.conditions_form import RULES, condition_values, read_condition
from eoffice.forms.builder.conditions_form import number as read_number
from eoffice.forms.builder.keys import is_key, suggest_key
from eoffice.forms.controls import PAGE, SPECS, TEXT_FORMATS
from eoffice.forms.tree import LANGUAGES
from eoffice.shared.i18n import _

TEXTS = ("title", "label", "text", "hint", "item_label", "description")
OPTIONAL_TEXTS = frozenset({"hint", "item_label", "description"})
SIMPLE = ("min_length", "max_length", "min_selected", "max_selected", "min", "max",
          "decimals", "suffix", "rows", "format", "document")
EXTRA_OPTION_ROWS = 3
Errors = list[tuple[str, str]]


def allowed(control_type: str) -> frozenset[str]:
    if control_type == "root":
        return frozenset({"title", "description"})
    spec = PAGE if control_type == "page" else SPECS.get(control_type)
    return spec.allowed if spec else frozenset()


def simple_kind(name: str, control_type: str) -> str:
    """How the input of a simple property is read: int, number, date, text, key, format."""
    if name in ("min", "max"):
        return "date" if control_type == "date" else "number"
    return {"suffix": "text", "document": "key", "format": "format"}.get(name, "int")


def _text_values(control: Mapping[str, Any], values: dict[str, str]) -> None:
    for name in TEXTS:
        text = control.get(name)
        for language in LANGUAGES:
            values[f"{name}-{language}"] = str(text.get(language, "")) if isinstance(
                text, Mapping) else ""


def _option_values(control: Mapping[str, Any], values: dict[str, str]) -> None:
    options = control.get("options")
    for index, option in enumerate(options if isinstance(options, list) else []):
        if not isinstance(option, Mapping):
            continue
        values[f"option-{index}-value"] = str(option.get("value", ""))
        label = option.get("label")
        for language in LANGUAGES:
            values[f"option-{index}-label-{language}"] = str(
                label.get(language, "")) if isinstance(label, Mapping) else ""


def form_values(control: Mapping[str, Any], control_type: str) -> dict[str, str]:
    """The inputs' values for ``control`` as stored (``control_type`` is not needed yet:
    every input is named after its property)."""
    values: dict[str, str] = {"key": str(control.get("key") or "")}
    _text_values(control, values)
    _option_values(control, values)
    values.update({f"prop-{name}": str(control[name]) for name in SIMPLE if name in control})
    repeat = control.get("repeat")
    if isinstance(repeat, Mapping):
        values.update({"repeat": "yes", "repeat-min": str(repeat.get("min", 0)),
                       "repeat-max": str(repeat.get("max", ""))})
    if "version" in control:
        values["block-version"] = str(control["version"])
    if "expression" in control:
        values["expression-json"] = json.dumps(control["expression"], ensure_ascii=False)
    for rule in RULES:
        for name, value in condition_values(control.get(rule), rule).items():
            values[f"{rule}-{name}"] = value
    return values


def option_rows(values: Mapping[str, str]) -> int:
    """How many option rows the form shows: the stored ones and a few blank ones."""
    indices = [index for index in _option_indices(values) if any(
        value.strip() for name, value in values.items() if name.startswith(f"option-{index}-"))]
    return (indices[-1] + 1 if indices else 0) + EXTRA_OPTION_ROWS


def _parsed(raw: str, kind: str) -> Any:
    """``raw`` read as ``kind``; ``ValueError`` with a message when it cannot be."""
    if kind == "int" and not raw.isdecimal():
        raise ValueError(_("Give a whole number, like 10."))
    if kind == "date":
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            raise ValueError(_("Give a date as YYYY-MM-DD.")) from None
    if (kind == "key" and not is_key(raw)) or (kind == "format" and raw not in TEXT_FORMATS):
        raise ValueError(_("This value is not valid here."))
    if kind == "int":
        return int(raw)
    return read_number(raw) if kind == "number" else raw


def _simple(raw: str, kind: str, where: str, errors: Errors) -> Any:
    if not raw:
        return None
    try:
        return _parsed(raw, kind)
    except ValueError as exc:
        errors.append((where, str(exc)))
        return None


def _option_indices(values: Mapping[str, str]) -> list[int]:
    found = {name.split("-")[1] for name in values if name.startswith("option-")}
    return sorted(int(index) for index in found if index.isdecimal() and len(index) < 4)


def _options(values: Mapping[str, str], errors: Errors) -> list[dict[str, Any]]:
    found = []
    for index in _option_indices(values):
        label = {language: values.get(f"option-{index}-label-{language}", "").strip()
                 for language in LANGUAGES}
        value = values.get(f"option-{index}-value", "").strip()
        if not value and not any(label.values()):
            continue
        value = value or suggest_key(label["en"] or next(v for v in label.values() if v))
        if not value:
            errors.append((f"option-{index}-value", _("Give the option a value.")))
        found.append({"value": value, "label": {k: v for k, v in label.items() if v}})
    return found


def _texts(values: Mapping[str, str], names: frozenset[str], changes: dict[str, Any]) -> None:
    for name in TEXTS:
        if name not in names:
            continue
        text = {language: values.get(f"{name}-{language}", "").strip() for language in LANGUAGES}
        text = {language: value for language, value in text.items() if value}
        optional = name in OPTIONAL_TEXTS or (name == "label" and "block" in names)
        changes[name] = text if text or not optional else None


def _structure(values: Mapping[str, str], names: frozenset[str], changes: dict[str, Any],
               errors: Errors) -> None:
    if "repeat" in names:
        if values.get("repeat") == "yes":
            low = _simple(values.get("repeat-min", "") or "0", "int", "repeat-min", errors)
            high = _simple(values.get("repeat-max", ""), "int", "repeat-max", errors)
            if high is None and not errors:
                errors.append(("repeat-max", _("Give the most items a person may add.")))
            changes["repeat"] = {"min": low or 0, "max": high or 1}
        else:
            changes["repeat"] = None
    if "block" in names and values.get("block-version", "").isdecimal():
        changes["version"] = int(values["block-version"])
    if "expression" in names:
        try:
            changes["expression"] = json.loads(values.get("expression-json", "") or "null")
        except ValueError as exc:
            errors.append(("expression-json", _("This is not valid JSON: %(problem)s",
                                                problem=str(exc)[:200])))


def read_changes(values: Mapping[str, str], control_type: str, field_types: Mapping[str, str],
                 *, has_source: bool = False) -> tuple[dict[str, Any], Errors]:
    """(the properties to set, ``None`` to remove; the errors of the inputs)."""
    names = allowed(control_type)
    changes: dict[str, Any] = {}
    errors: Errors = []
    if "key" in names and control_type not in ("page", "section", "help"):
        key = values.get("key", "").strip()
        if not is_key(key):
            errors.append(("key", _("Give a key of lower-case letters, digits and "
                                    "underscores, starting with a letter.")))
        changes["key"] = key
    _texts(values, names, changes)
    for name in SIMPLE:
        if name in names:
            raw = values.get(f"prop-{name}", "").strip()
            changes[name] = _simple(raw, simple_kind(name, control_type), f"prop-{name}", errors)
    if "options" in names and not has_source:
        changes["options"] = _options(values, errors) or None
    _structure(values, names, changes, errors)
    for rule in RULES:
        if rule in names:
            changes[rule], problem = read_condition(values, rule, field_types)
            if problem:
                errors.append((f"{rule}-mode", problem))
    if changes.get("expression") is None:
        changes.pop("expression", None)
    return changes, errors
