"""Which fields are shown, hidden or disabled for given answers, and the computed values.

Conditions may depend on fields that are themselves conditional, so the state
is settled by repeating the evaluation until nothing changes (bounded): the
values of hidden or disabled fields are left out of the data each round. The
browser (``frontend/js/forms.js``) runs the same loop.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from eoffice.forms import conditions
from eoffice.forms.tree import NESTING, Control, FormTree, concrete, join_path

MAX_ROUNDS = 20


@dataclass(frozen=True)
class Instance:
    """A control as it occurs for given answers (once per item of a repeated group)."""

    control: Control
    path: str
    indices: tuple[int, ...]
    off: bool  # hidden or disabled, here or above


def get_at(values: Any, path: str) -> Any:
    """The value at a concrete path (``vehicles.0.plate``), or None."""
    node = values
    for part in path.split(".") if path else []:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdecimal() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def set_at(values: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at a concrete path, creating objects on the way (not list items)."""
    parts = path.split(".")
    node: Any = values
    for part in parts[:-1]:
        if isinstance(node, list):
            node = node[int(part)] if part.isdecimal() and int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.setdefault(part, {})
        if not isinstance(node, dict | list):
            return
    if isinstance(node, dict):
        node[parts[-1]] = value


def item_count(values: Any, path: str) -> int:
    items = get_at(values, path)
    return len(items) if isinstance(items, list) else 0


def instances(children: tuple[Control, ...], values: Any, data: Any,
              indices: tuple[int, ...] = (), off: bool = False) -> Iterator[Instance]:
    """Every control instance in document order, with whether it is off for ``data``."""
    for control in children:
        here = off or _is_off(control, data, indices)
        path = concrete(control.path, indices)
        yield Instance(control, path, indices, here)
        if control.type in NESTING and control.repeat:
            for index in range(item_count(values, path)):
                yield from instances(control.children, values, data, (*indices, index), here)
        else:
            yield from instances(control.children, values, data, indices, here)


def _is_off(control: Control, data: Any, indices: tuple[int, ...]) -> bool:
    show_if, disable_if = control.props.get("show_if"), control.props.get("disable_if")
    hidden = show_if is not None and not conditions.holds(show_if, data, indices)
    disabled = disable_if is not None and conditions.holds(disable_if, data, indices)
    return hidden or disabled


def pruned(values: Any, off: set[str], path: str = "") -> Any:
    """A copy of ``values`` without the values at the paths in ``off``."""
    if isinstance(values, dict):
        return {key: pruned(value, off, join_path(path, key)) for key, value in values.items()
                if join_path(path, key) not in off}
    if isinstance(values, list):
        return [pruned(value, off, join_path(path, str(i))) for i, value in enumerate(values)]
    return values


def for_logic(values: Any) -> Any:
    """Values as conditions see them: numbers as numbers (never Decimal)."""
    if isinstance(values, dict):
        return {key: for_logic(value) for key, value in values.items()}
    if isinstance(values, list):
        return [for_logic(value) for value in values]
    if isinstance(values, Decimal):
        return int(values) if values == values.to_integral_value() else float(values)
    return values


def computed_value(control: Control, data: Any, indices: tuple[int, ...]) -> Any:
    """The value of a computed control: a JSON number, text or boolean, or None."""
    result = conditions.evaluate(control.props.get("expression"), data, indices)
    if isinstance(result, bool | str) or result is None:
        return result
    if isinstance(result, int | float):
        if not math.isfinite(result):
            return None
        # Half away from zero on the shortest decimal text of the number, as forms.js does,
        # so the value shown live is the value the server keeps.
        places = Decimal(1).scaleb(-int(control.props.get("decimals", 2)))
        rounded = float(Decimal(repr(float(result))).quantize(places, rounding=ROUND_HALF_UP))
        return int(rounded) if rounded.is_integer() and abs(rounded) < 1e15 else rounded
    return None


@dataclass(frozen=True)
class Settled:
    """The settled state: paths whose values are dropped, data for conditions, computed."""

    off: set[str]
    data: dict[str, Any]
    computed: dict[str, Any]


def _with_computed(tree: FormTree, values: Any, data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for instance in instances(tree.children, values, data):
        if instance.control.type == "computed" and not instance.off:
            value = computed_value(instance.control, data, instance.indices)
            found[instance.path] = value
            set_at(data, instance.path, value)
    return found


def settle(tree: FormTree, values: dict[str, Any]) -> Settled:
    """Settle visibility for ``values`` (cleaned answers; numbers may be Decimal)."""
    off: set[str] = set()
    for _round in range(MAX_ROUNDS):
        data: dict[str, Any] = for_logic(pruned(values, off))
        computed = _with_computed(tree, values, data)
        now = {i.path for i in instances(tree.children, values, data)
               if i.off and i.control.is_field}
        if now == off:
            return Settled(off=off, data=data, computed=computed)
        off = now
    data = for_logic(pruned(values, off))
    return Settled(off=off, data=data, computed=_with_computed(tree, values, data))
