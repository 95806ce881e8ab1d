"""Answers from an HTML form post (no JavaScript needed): names are field paths.

``applicant.nif``, ``vehicles.0.plate``; a date is ``<path>-day``, ``-month``,
``-year``; checkboxes repeat their name; a city address is its text at ``<path>``
and the code chosen at ``<path>.code`` or ``<path>.choice``. Items of a repeated group left blank
are dropped, so an empty extra item adds nothing.
"""

from __future__ import annotations

from typing import Any

from eoffice.forms.answers import MAX_ITEMS
from eoffice.forms.tree import LAYOUT, NESTING, Control, FormTree, join_path


def _values(formdata: Any, name: str) -> list[str]:
    if hasattr(formdata, "getlist"):
        return [str(v) for v in formdata.getlist(name)]
    value = formdata.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _one(formdata: Any, name: str) -> str:
    found = _values(formdata, name)
    return found[0].strip() if found else ""


def _item_indices(formdata: Any, path: str, most: int) -> list[int]:
    """The item indices posted for a repeated group: the first ``most`` of them."""
    prefix = path + "."
    found = set()
    for name in formdata.keys():  # noqa: SIM118 - MultiDict and dict alike
        if str(name).startswith(prefix):
            head = str(name)[len(prefix):].split(".", 1)[0].split("-", 1)[0]
            if head.isdecimal() and len(head) < 4:
                found.add(int(head))
    return sorted(found)[:most]


def _most_items(control: Control) -> int:
    high = (control.repeat or {}).get("max", MAX_ITEMS)
    return min(high, MAX_ITEMS) if isinstance(high, int) else MAX_ITEMS


def _city_address(formdata: Any, path: str) -> Any:
    """The typed text, and the code picked from the suggestions (JavaScript) or from
    the addresses the page listed (``<path>.choice``); the server resolves both."""
    text = _one(formdata, path)
    code = _one(formdata, f"{path}.choice") or _one(formdata, f"{path}.code")
    if not code:
        return text or None
    return {"code": code, "text": text} if text else {"code": code}


def _field(control: Control, formdata: Any, path: str) -> Any:
    if control.type == "city_address":
        return _city_address(formdata, path)
    if control.type == "checkboxes":
        chosen = [v for v in _values(formdata, path) if v]
        return chosen or None
    if control.type == "date":
        parts = [_one(formdata, f"{path}-{part}") for part in ("year", "month", "day")]
        if not any(parts):
            return None
        # Day and month may be typed with one digit; a year is never padded ("25" is not 0025).
        year, month, day = (p.zfill(n) if p and n == 2 else p for p, n in zip(parts, (4, 2, 2),
                                                                              strict=True))
        return f"{year}-{month}-{day}"
    return _one(formdata, path) or None


def _namespace(children: tuple[Control, ...], formdata: Any, path: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for control in children:
        if control.type in LAYOUT:
            found.update(_namespace(control.children, formdata, path))
            continue
        if not control.key or control.type in ("file", "computed"):
            continue
        where = join_path(path, control.key)
        if control.type in NESTING and control.repeat:
            items = [_namespace(control.children, formdata, f"{where}.{index}")
                     for index in _item_indices(formdata, where, _most_items(control))]
            value: Any = [item for item in items if item] or None
        elif control.type in NESTING:
            value = _namespace(control.children, formdata, where) or None
        else:
            value = _field(control, formdata, where)
        if value is not None:
            found[control.key] = value
    return found


def answers_from_formdata(tree: FormTree, formdata: Any) -> dict[str, Any]:
    """The answers posted by the rendered form (blank values and items left out)."""
    return _namespace(tree.children, formdata, "")
