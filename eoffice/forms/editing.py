"""Changes to a draft definition, for the form builder (pure: dict in, new dict out).

A place is a JSON pointer (``/pages/0/controls/2``) or a field path
(``applicant`` or ``works.budget``; pages and sections are looked through).
A parent is a page, a section or a group; ``""`` is the root of a block.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from eoffice.forms.definition import read_definition
from eoffice.forms.errors import BadEdit
from eoffice.shared.i18n import _

PAGE = re.compile(r"^/pages/\d+$")  # pages carry no "type": only their place says so


def _parts(pointer: str) -> list[str]:
    if pointer in ("", "/"):
        return []
    if not pointer.startswith("/"):
        raise BadEdit(_("“%(place)s” is not a place in the definition.", place=pointer[:100]))
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def _get(document: Any, pointer: str) -> Any:
    node = document
    for part in _parts(pointer):
        if isinstance(node, list) and part.isdecimal() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise BadEdit(_("“%(place)s” is not a place in the definition.",
                            place=pointer[:100]))
    return node


def locate(definition: dict[str, Any], place: str, *, kind: str = "form") -> str:
    """The JSON pointer of ``place`` (a pointer already, or a field path)."""
    if place == "" or place.startswith("/"):
        _get(definition, place)
        return place.rstrip("/") if place != "/" else ""
    tree, _problems = read_definition(definition, kind=kind)
    found = tree.find(place) if tree else None
    if found is None:
        raise BadEdit(_("There is no field “%(path)s” in this draft.", path=place[:100]))
    return found.pointer


def _children_of(definition: dict[str, Any], parent: str, kind: str) -> list[Any]:
    pointer = locate(definition, parent, kind=kind)
    node = _get(definition, pointer)
    if node is definition:
        name = "pages" if kind == "form" else "controls"
        return definition.setdefault(name, [])  # type: ignore[no-any-return]
    is_page = bool(PAGE.match(pointer)) and node.get("type") in (None, "page")
    if not isinstance(node, dict) or not (is_page or node.get("type") in ("section", "group")):
        raise BadEdit(_("Controls can be added only to a page, a section or a group."))
    children = node.setdefault("controls", [])
    if not isinstance(children, list):
        raise BadEdit(_("This place does not hold a list of controls."))
    return children


def _insert(items: list[Any], item: Any, position: int | None) -> None:
    if position is None:
        items.append(item)
    elif 0 <= position <= len(items):
        items.insert(position, item)
    else:
        raise BadEdit(_("The position %(position)s is outside the list.", position=position))


def add_control(definition: dict[str, Any], parent: str, control: dict[str, Any], *,
                position: int | None = None, kind: str = "form") -> dict[str, Any]:
    """A copy with ``control`` added under ``parent`` (at the end, or at ``position``)."""
    changed = copy.deepcopy(definition)
    if not isinstance(control, dict):
        raise BadEdit(_("A control is a JSON object."))
    _insert(_children_of(changed, parent, kind), copy.deepcopy(control), position)
    return changed


def _split(definition: dict[str, Any], place: str, kind: str) -> tuple[list[Any], int]:
    pointer = locate(definition, place, kind=kind)
    parent, _slash, index = pointer.rpartition("/")
    items = _get(definition, parent)
    if not pointer or not isinstance(items, list) or not index.isdecimal():
        raise BadEdit(_("Only a control or a page can be moved or removed."))
    return items, int(index)


def remove_control(definition: dict[str, Any], place: str, *, kind: str = "form",
                   ) -> dict[str, Any]:
    changed = copy.deepcopy(definition)
    items, index = _split(changed, place, kind)
    del items[index]
    return changed


def move_control(definition: dict[str, Any], place: str, parent: str, *,
                 position: int | None = None, kind: str = "form") -> dict[str, Any]:
    """A copy with the control at ``place`` moved under ``parent`` (pointers of the
    original definition: the control is taken out after the parent is found)."""
    changed = copy.deepcopy(definition)
    source, destination = locate(changed, place, kind=kind), locate(changed, parent, kind=kind)
    if destination == source or destination.startswith(source + "/"):
        raise BadEdit(_("A control cannot be moved into itself."))
    items, index = _split(changed, source, kind)
    target = _children_of(changed, destination, kind)
    control = items[index]
    if target is items and position is not None and position > index:
        position -= 1
    del items[index]
    _insert(target, control, position)
    return changed


def set_properties(definition: dict[str, Any], place: str, changes: dict[str, Any], *,
                   kind: str = "form") -> dict[str, Any]:
    """A copy with properties of the control at ``place`` set (``None`` removes one)."""
    changed = copy.deepcopy(definition)
    node = _get(changed, locate(changed, place, kind=kind))
    if not isinstance(node, dict):
        raise BadEdit(_("Only a control, a page or the definition has properties."))
    for name, value in changes.items():
        if name in ("controls", "pages"):
            raise BadEdit(_("Use add, move and remove to change the controls."))
        if value is None:
            node.pop(name, None)
        else:
            node[name] = copy.deepcopy(value)
    return changed
