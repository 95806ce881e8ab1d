"""Reading a form or block definition (JSON) into a tree, reporting every problem.

Structure, keys, texts and properties are checked here; conditions need the
whole expanded form and are checked by :mod:`eoffice.forms.validation`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from eoffice.forms import errors
from eoffice.forms.controls import (
    ADDRESS_LABELS,
    ADDRESS_PARTS,
    OPTIONAL_ADDRESS_PARTS,
    PAGE,
    SPECS,
    ControlSpec,
)
from eoffice.forms.properties import PropertyChecks
from eoffice.forms.tree import Control, FormTree, join_path, namespace_of
from eoffice.shared.i18n import _

TOP = {"form": {"key", "version", "title", "description", "pages"},
       "block": {"key", "version", "title", "description", "controls"}}
MAX_NESTING = 12
_TEXTS = ("label", "hint", "title", "text", "item_label")


class DefinitionReader(PropertyChecks):
    """Reads one definition; ``problems`` lists what is wrong, with JSON pointers."""

    def read(self, raw: Any, *, kind: str) -> FormTree | None:
        if not isinstance(raw, dict):
            self.report("/", errors.NotAnObject, _("A definition must be a JSON object."))
            return None
        body = "pages" if kind == "form" else "controls"
        for name in sorted(set(raw) - TOP[kind], key=str):
            self.report(f"/{name}", errors.UnknownProperty,
                        _("“%(name)s” is not a property of a %(kind)s.", name=str(name)[:40],
                          kind=kind))
        for name in ("key", "version", "title", body):
            if name not in raw:
                self.report(f"/{name}", errors.MissingProperty,
                            _("The property “%(name)s” is required.", name=name))
        key_ok = "key" in raw and self.key(raw["key"], "/key")
        version_ok = "version" in raw and self.integer(raw["version"], "/version", low=1)
        if "title" in raw:
            self.text(raw["title"], "/title")
        if "description" in raw:
            self.text(raw["description"], "/description")
        children = self.controls(raw.get(body), f"/{body}", "", {}, pages=kind == "form")
        if not (key_ok and version_ok):
            return None
        description = raw.get("description")
        return FormTree(
            kind=kind, key=raw["key"], version=raw["version"], title=_as_text(raw.get("title")),
            children=children, description=_as_text(description) if description else None,
        )

    def controls(self, raw: Any, pointer: str, namespace: str, taken: dict[str, str],
                 *, pages: bool = False) -> tuple[Control, ...]:
        if pointer.count("/controls") > MAX_NESTING:
            self.report(pointer, errors.BadProperty,
                        _("Controls are nested at most %(num)s levels deep.", num=MAX_NESTING))
            return ()
        if not isinstance(raw, list) or (not raw and pages):
            if raw is not None:
                self.report(pointer, errors.BadProperty, _("Give a non-empty list."))
            return ()
        found = []
        for index, item in enumerate(raw):
            control = self.control(item, f"{pointer}/{index}", namespace, taken, page=pages)
            if control is not None:
                found.append(control)
        return tuple(found)

    def control(self, raw: Any, pointer: str, namespace: str, taken: dict[str, str],
                *, page: bool = False) -> Control | None:
        if not isinstance(raw, dict):
            self.report(pointer, errors.BadProperty, _("A control is a JSON object."))
            return None
        kind = "page" if page else raw.get("type")
        spec = PAGE if page else SPECS.get(kind) if isinstance(kind, str) else None
        if spec is None or (page and raw.get("type", "page") != "page"):
            self.report(f"{pointer}/type", errors.UnknownControl,
                        _("“%(type)s” is not a control type.", type=str(kind)[:40]))
            return None
        self.check_spec(raw, pointer, spec)
        key = raw.get("key")
        if key is not None and self.key(key, f"{pointer}/key") and kind not in ("page", "section",
                                                                               "help"):
            if key in taken:
                self.report(f"{pointer}/key", errors.DuplicateKey,
                            _("The key “%(key)s” is already used at %(place)s.", key=key,
                              place=taken[key]))
            taken[key] = pointer
        path = join_path(namespace, key) if kind not in ("page", "section", "help") and (
            isinstance(key, str)) else namespace
        props = {name: value for name, value in raw.items() if name not in ("type", "controls")}
        control = Control(type=str(kind), key=key if isinstance(key, str) else None, path=path,
                          pointer=pointer, props=props)
        inner = namespace_of(control)
        if kind == "postal_address":
            return _with_children(control, _address_parts(control))
        if "controls" in raw:
            own: dict[str, str] = taken if kind in ("page", "section") else {}
            children = self.controls(raw["controls"], f"{pointer}/controls", inner, own)
            return _with_children(control, children)
        return control

    def check_spec(self, raw: dict[str, Any], pointer: str, spec: ControlSpec) -> None:
        for name in sorted(set(raw) - spec.allowed, key=str):
            self.report(f"{pointer}/{name}", errors.UnknownProperty,
                        _("“%(name)s” is not a property of this control.", name=str(name)[:40]))
        for name in sorted(spec.required - set(raw)):
            self.report(f"{pointer}/{name}", errors.MissingProperty,
                        _("The property “%(name)s” is required.", name=name))
        for name in _TEXTS:
            if name in raw and name in spec.allowed:
                self.text(raw[name], f"{pointer}/{name}")
        self.check_values(raw, pointer)

    def check_values(self, raw: dict[str, Any], pointer: str) -> None:
        at = {name: f"{pointer}/{name}" for name in raw}
        kind = raw.get("type")
        if "messages" in raw:
            self.messages(raw["messages"], at["messages"])
        for low, high in (("min_length", "max_length"), ("min_selected", "max_selected")):
            self.ordered(raw, pointer, low, high,
                         lambda v, p: v if self.integer(v, p) else None)
        if kind in ("number", "date"):
            self.ordered(raw, pointer, "min", "max",
                         self.number if kind == "number" else self.iso_date)
        limits = {"decimals": (0, 6), "rows": (1, 50), "version": (1, 100_000)}
        for name, (least, most) in limits.items():
            if name in raw:
                self.integer(raw[name], at[name], low=least, high=most)
        for name in ("block", "document"):
            if name in raw:
                self.key(raw[name], at[name])
        self.check_choices(raw, pointer, kind)
        self.check_others(raw, at)

    def check_others(self, raw: dict[str, Any], at: dict[str, str]) -> None:
        checks: dict[str, Callable[[Any, str], None]] = {
            "repeat": self.repeat, "format": self.text_format, "accept": self.accept,
            "suffix": self.short_string,
            "region": lambda v, p: self.short_string(v, p, pattern=r"^[A-Z]{2}$"),
        }
        for name, check in checks.items():
            if name in raw:
                check(raw[name], at[name])
        for name in ("show_if", "disable_if", "required"):
            if name in raw and not isinstance(raw[name], bool | dict):
                self.report(at[name], errors.BadCondition,
                            _("A condition is true, false or a JSON Logic object."))

    def check_choices(self, raw: dict[str, Any], pointer: str, kind: Any) -> None:
        if kind not in ("select", "radio", "checkboxes"):
            return
        if "options" in raw and "source" in raw:
            self.report(f"{pointer}/source", errors.BadProperty,
                        _("Give options or a source, not both."))
        elif "options" in raw:
            self.options(raw["options"], f"{pointer}/options")
        elif "source" in raw:
            self.source(raw["source"], f"{pointer}/source")
        else:
            self.report(f"{pointer}/options", errors.MissingOptions,
                        _("Give the options, or a source of options."))


def _as_text(value: Any) -> dict[str, str]:
    return {k: v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


def _with_children(control: Control, children: tuple[Control, ...]) -> Control:
    return Control(type=control.type, key=control.key, path=control.path,
                   pointer=control.pointer, props=control.props, children=children)


def _address_parts(address: Control) -> tuple[Control, ...]:
    """The built-in parts of a postal address, required when the address is."""
    required = address.props.get("required", False)
    parts = []
    for part in ADDRESS_PARTS:
        props: dict[str, Any] = {"key": part, "label": ADDRESS_LABELS[part],
                                 "required": False if part in OPTIONAL_ADDRESS_PARTS else required,
                                 **({} if part == "postcode" else {"max_length": 150})}
        if part == "postcode":
            props["format"] = "postcode"
        parts.append(Control(type="text", key=part, path=join_path(address.path, part),
                             pointer=f"{address.pointer}/{part}", props=props))
    return tuple(parts)


def read_definition(raw: Any, *, kind: str, known_sources: Collection[str] | None = None,
                    ) -> tuple[FormTree | None, list[Any]]:
    """(the tree, or None if unreadable; every problem found) for a raw definition."""
    reader = DefinitionReader(known_sources)
    return reader.read(raw, kind=kind), reader.problems
