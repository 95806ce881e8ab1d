"""Validating a citizen's answers against an expanded form (pure, no I/O).

Answers are JSON: blocks and groups nest as objects, repeated ones as lists.
Every value is cleaned for its type; hidden and disabled fields are dropped;
required fields (conditions included) and group sizes are checked on what is
left; computed values are recomputed. Errors name the field's concrete path
(``vehicles.0.plate``), carry a stable code and a message in the current language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from eoffice.forms import city_address, conditions
from eoffice.forms.city_address import NO_STREET_MAP, AddressLookup
from eoffice.forms.formats import Invalid, clean_value
from eoffice.forms.state import Settled, get_at, instances, pruned, set_at, settle
from eoffice.forms.tree import LAYOUT, NESTING, Control, FormTree, join_path, text_in
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _, ngettext

MAX_ITEMS = 200  # items of a repeated group read at most, whatever its definition says
OptionsFor = Callable[[Control], Sequence[str] | None]  # None: accept any value


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating answers: errors, and the answers as stored."""

    valid: bool
    errors: list[FieldError] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"valid": self.valid, "errors": [e.as_dict() for e in self.errors],
                "answers": self.answers}


def static_options(control: Control) -> Sequence[str] | None:
    options = control.props.get("options")
    return [str(o["value"]) for o in options] if isinstance(options, list) else None


def _fields_of(children: tuple[Control, ...]) -> dict[str, Control]:
    """The fields of one namespace: layout controls are looked through."""
    found: dict[str, Control] = {}
    for control in children:
        if control.type in LAYOUT:
            found.update(_fields_of(control.children))
        elif control.key:
            found[control.key] = control
    return found


class _Cleaner:
    def __init__(self, locale: str, options_for: OptionsFor,
                 addresses: AddressLookup = NO_STREET_MAP) -> None:
        self.locale = locale
        self.options_for = options_for
        self.addresses = addresses
        self.errors: dict[str, FieldError] = {}

    def clean(self, control: Control, value: Any) -> Any:
        if control.type == "city_address":
            return city_address.resolve(value, self.addresses, self.locale)
        return clean_value(control, value, self.options_for(control))

    def error(self, path: str, code: str, message: str, control: Control | None = None) -> None:
        custom = (control.props.get("messages") or {}) if control else {}
        text = custom.get("required" if code == "required" else "invalid")
        message = text_in(text, self.locale) if isinstance(text, dict) else message
        self.errors.setdefault(path, FieldError(path, str(message), code))

    def namespace(self, children: tuple[Control, ...], raw: Any, path: str) -> dict[str, Any]:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.error(path, "invalid_type", _("This value has the wrong type."))
            return {}
        fields = _fields_of(children)
        cleaned: dict[str, Any] = {}
        for key, value in raw.items():
            where = join_path(path, str(key))
            control = fields.get(key) if isinstance(key, str) else None
            if control is None:
                self.error(where, "unknown_field", _("This field is not expected here."))
            elif control.type in NESTING:
                nested = self.nested(control, value, where)
                if nested is not None:
                    cleaned[key] = nested
            elif control.answers:
                try:
                    clean = self.clean(control, value)
                except Invalid as exc:
                    self.error(where, exc.code, exc.message, control)
                    continue
                if clean is not None:
                    cleaned[key] = clean
        return cleaned

    def nested(self, control: Control, value: Any, path: str) -> Any:
        if not control.repeat:
            return self.namespace(control.children, value, path)
        if value is None:
            return None
        if not isinstance(value, list):
            self.error(path, "invalid_type", _("Give a list of items."))
            return None
        high = control.repeat.get("max", MAX_ITEMS)
        if len(value) > high:  # refused before any item is cleaned
            self.error(path, "too_many_items", ngettext(
                "Add at most %(num)s item.", "Add at most %(num)s items.", high))
            return None
        return [self.namespace(control.children, item, join_path(path, str(index)))
                for index, item in enumerate(value)]


def _is_empty(value: Any) -> bool:
    return value is None or value in ("", [], {})


def _check_presence(cleaner: _Cleaner, tree: FormTree, values: dict[str, Any],
                    settled: Settled) -> None:
    for instance in instances(tree.children, values, settled.data):
        control, path = instance.control, instance.path
        if instance.off or not control.is_field:
            continue
        if control.repeat:
            count = len(get_at(values, path) or [])
            low, high = control.repeat.get("min", 0), control.repeat["max"]
            if count < low:
                cleaner.error(path, "too_few_items", ngettext(
                    "Add at least %(num)s item.", "Add at least %(num)s items.", low))
            elif count > high:
                cleaner.error(path, "too_many_items", ngettext(
                    "Add at most %(num)s item.", "Add at most %(num)s items.", high))
        elif control.answers and _is_empty(get_at(values, path)):
            rule = control.props.get("required", False)
            if rule is True or (isinstance(rule, dict) and conditions.holds(
                    rule, settled.data, instance.indices)):
                cleaner.error(path, "required", _("This field is required."), control)


def _stored(values: Any) -> Any:
    """Values as stored and sent: numbers as decimal strings."""
    if isinstance(values, dict):
        return {key: _stored(value) for key, value in values.items()}
    if isinstance(values, list):
        return [_stored(value) for value in values]
    return str(values) if isinstance(values, Decimal) else values


def _inside(path: str, off: set[str]) -> bool:
    parts = path.split(".")
    return any(".".join(parts[:n]) in off for n in range(1, len(parts) + 1))


def validate_tree(tree: FormTree, answers: Any, *, locale: str = "es",
                  options_for: OptionsFor = static_options,
                  addresses: AddressLookup = NO_STREET_MAP) -> ValidationResult:
    """Validate ``answers`` against an expanded form; never raises for bad answers.
    City addresses are resolved through ``addresses`` (the street map)."""
    cleaner = _Cleaner(locale, options_for, addresses)
    values = cleaner.namespace(tree.children, answers if answers is not None else {}, "")
    if answers is not None and not isinstance(answers, dict):
        cleaner.errors.clear()
        cleaner.error("", "invalid_type", _("The answers must be a JSON object."))
    settled = settle(tree, values)
    kept = pruned(values, settled.off)
    _check_presence(cleaner, tree, kept, settled)
    for path, value in settled.computed.items():
        if value is not None:
            set_at(kept, path, value)
    order = {i.path: n for n, i in enumerate(instances(tree.children, values, settled.data))}
    found = sorted((e for path, e in cleaner.errors.items()
                    if e.code == "unknown_field" or not _inside(path, settled.off)),
                   key=lambda e: order.get(e.field, len(order)))
    return ValidationResult(valid=not found, errors=found, answers=_stored(kept))


def settle_answers(tree: FormTree, answers: Any, *,
                   options_for: OptionsFor = static_options,
                   addresses: AddressLookup = NO_STREET_MAP) -> Settled:
    """The settled state of the conditions for answers as typed (errors ignored)."""
    cleaner = _Cleaner("es", options_for, addresses)
    values = cleaner.namespace(tree.children, answers if isinstance(answers, dict) else {}, "")
    return settle(tree, values)
