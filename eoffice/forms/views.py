"""What the templates show: each control instance as a small view, in one language.

Built from the expanded tree, the answers (as typed, possibly invalid), the
settled state of the conditions and the errors. The edit mode keeps hidden and
disabled fields (marked so) for the browser to reveal; the read-only mode
leaves them out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from eoffice.forms import city_address, conditions
from eoffice.forms.city_address import NO_STREET_MAP, AddressLookup
from eoffice.forms.state import Settled, get_at
from eoffice.forms.tree import LAYOUT, NESTING, Control, concrete, text_in
from eoffice.shared.i18n import _

OptionsOf = Callable[[Control], list[dict[str, Any]]]


def html_id(path: str) -> str:
    """The id of a field's element: ``applicant.nif`` → ``eo-applicant-nif``."""
    return "eo-" + path.replace(".", "-") if path else "eo-form"


def _layout_id(control: Control, indices: tuple[int, ...]) -> str:
    where = re.sub(r"[^a-z0-9]+", "-", control.pointer.lower()).strip("-")
    return "-".join(["eo-x", where, *map(str, indices)])


@dataclass
class View:
    """One control instance, ready for a template."""

    kind: str
    id: str
    path: str
    label: str = ""
    hint: str = ""
    value: Any = None
    error: str | None = None
    optional: bool = False
    hidden: bool = False
    disabled: bool = False
    show_if: str | None = None
    disable_if: str | None = None
    options: list[dict[str, Any]] = field(default_factory=list)
    children: list[View] = field(default_factory=list)
    items: list[View] = field(default_factory=list)
    props: Mapping[str, Any] = field(default_factory=dict)


def _rule_json(control: Control, name: str, indices: tuple[int, ...]) -> str | None:
    rule = control.props.get(name)
    if rule is None or isinstance(rule, bool):
        return None if rule is None else json.dumps(rule)
    return json.dumps(conditions.for_item(rule, indices), separators=(",", ":"))


class ViewBuilder:
    """Builds the views of a form for ``answers`` in ``locale``."""

    def __init__(self, *, answers: Any, settled: Settled, errors: Mapping[str, str],
                 locale: str, options_of: OptionsOf, edit: bool,
                 addresses: AddressLookup = NO_STREET_MAP) -> None:
        self.answers, self.settled, self.errors = answers, settled, errors
        self.locale, self.options_of, self.edit = locale, options_of, edit
        self.addresses = addresses

    def text(self, value: Any) -> str:
        return text_in(value if isinstance(value, Mapping) else None, self.locale)

    def views(self, children: tuple[Control, ...], indices: tuple[int, ...] = (),
              inherited: tuple[bool, bool] = (False, False)) -> list[View]:
        found = []
        for control in children:
            view = self.view(control, indices, inherited)
            if view is not None:
                found.append(view)
        return found

    def view(self, control: Control, indices: tuple[int, ...],
             inherited: tuple[bool, bool]) -> View | None:
        data = self.settled.data
        show_if, disable_if = control.props.get("show_if"), control.props.get("disable_if")
        hidden = inherited[0] or (show_if is not None and not conditions.holds(
            show_if, data, indices))
        disabled = inherited[1] or (disable_if is not None and conditions.holds(
            disable_if, data, indices))
        if (hidden or disabled) and not self.edit:
            return None
        path = concrete(control.path, indices)
        view = View(
            kind=control.type, path=path,
            id=html_id(path) if control.is_field else _layout_id(control, indices),
            label=self.text(control.label), hint=self.text(control.hint),
            error=self.errors.get(path) if control.is_field else None,
            optional=control.answers and control.props.get("required", False) is False,
            hidden=hidden, disabled=disabled, props=control.props,
            show_if=_rule_json(control, "show_if", indices),
            disable_if=_rule_json(control, "disable_if", indices),
        )
        if control.type == "help":
            view.value = self.text(control.props.get("text"))
        elif control.type == "computed":
            view.value = self.settled.computed.get(path)
            view.props = {**control.props, "expression": _rule_json(control, "expression",
                                                                   indices)}
        elif control.type in ("select", "radio", "checkboxes"):
            view.value = get_at(self.answers, path)
            view.options = [{"value": o["value"], "text": self.text(o["label"])}
                            for o in self.options_of(control)]
        elif control.type == "city_address":
            self.city_address(view)
        elif control.type not in LAYOUT and control.type not in NESTING:
            view.value = get_at(self.answers, path)
        if control.type in NESTING and control.repeat:
            view.items = self.items(control, path, indices, (hidden, disabled))
        else:
            view.children = self.views(control.children, indices, (hidden, disabled))
        if not self.edit and control.type in NESTING | {"section", "page"} and not (
                view.children or view.items):
            return None
        return view

    def city_address(self, view: View) -> None:
        """The text and code shown, and (after an error) the addresses to choose from."""
        view.value = get_at(self.answers, view.path)
        text, code = city_address.shown(view.value)
        view.props = {**view.props, "text": text, "code": code}
        if self.edit and view.error:
            view.options = [{"value": a.code, "text": f"{a.label(self.locale)} ({a.postcode})"}
                            for a in city_address.choices(view.value, self.addresses)]

    def items(self, control: Control, path: str, indices: tuple[int, ...],
              inherited: tuple[bool, bool]) -> list[View]:
        given = get_at(self.answers, path)
        count = len(given) if isinstance(given, list) else 0
        repeat = control.repeat or {}
        if self.edit:
            count = max(count, repeat.get("min", 0))
            if count < repeat.get("max", 1):
                count += 1  # a blank item to add another (left out when left blank)
        name = self.text(control.props.get("item_label") or control.label)
        found = []
        for index in range(count):
            item_path = f"{path}.{index}"
            found.append(View(
                kind="item", id=html_id(item_path), path=item_path,
                label=_("%(name)s %(number)s", name=name, number=index + 1),
                children=self.views(control.children, (*indices, index), inherited),
                error=self.errors.get(item_path),
            ))
        return found
