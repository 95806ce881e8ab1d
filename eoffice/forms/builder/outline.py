"""The outline of a draft as the builder shows it (pure): its pages and controls as
rows, the places where a new control may go, and a place of the definition (a JSON
pointer) in plain words, so that every problem names the control it is about."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from eoffice.forms.builder.conditions_form import describe
from eoffice.forms.builder.words import language_name, property_names, type_names
from eoffice.forms.tree import text_in
from eoffice.shared.i18n import _

CONTAINERS = frozenset({"page", "section", "group"})
CONTROL_PART = re.compile(r"^(/pages/\d+)?(/controls/\d+)*")


@dataclass(frozen=True)
class OutlineRow:
    """One page or control of the draft."""

    pointer: str
    anchor: str
    depth: int
    type: str
    type_name: str
    key: str | None
    label: str
    container: bool
    first: bool
    last: bool
    notes: tuple[str, ...] = ()


def body_name(kind: str) -> str:
    return "pages" if kind == "form" else "controls"


def anchor_of(pointer: str) -> str:
    return "outline-" + (pointer.strip("/").replace("/", "-") or "top")


def control_pointer(pointer: str) -> str:
    """The pointer of the page or control that ``pointer`` is inside."""
    match = CONTROL_PART.match(pointer)
    return match.group(0) if match else ""


def type_of(node: Mapping[str, Any], pointer: str) -> str:
    if re.fullmatch(r"/pages/\d+", pointer):
        return "page"
    return str(node.get("type", "")) or "?"


def label_of(node: Mapping[str, Any], locale: str) -> str:
    """What a person calls the control: its question, title or text."""
    for name in ("label", "title", "text"):
        value = node.get(name)
        if isinstance(value, Mapping) and any(value.values()):
            text = text_in(value, locale)
            return text if len(text) <= 80 else text[:77] + "…"
    if node.get("type") == "block":
        return f"{node.get('block', '?')} v{node.get('version', '?')}"
    return str(node.get("key") or _("(no text yet)"))


def _notes(node: Mapping[str, Any], labels: Mapping[str, str]) -> tuple[str, ...]:
    notes = []
    if node.get("required") is True:
        notes.append(str(_("Must be answered")))
    elif isinstance(node.get("required"), dict):
        notes.append(_("Must be answered when %(rule)s", rule=describe(node["required"], labels)))
    if "show_if" in node:
        notes.append(_("Shown only when %(rule)s", rule=describe(node["show_if"], labels)))
    if "disable_if" in node:
        notes.append(_("Disabled when %(rule)s", rule=describe(node["disable_if"], labels)))
    if node.get("type") == "block":
        notes.append(_("Block “%(key)s”, version %(version)s", key=node.get("block"),
                       version=node.get("version")))
    repeat = node.get("repeat")
    if isinstance(repeat, Mapping):
        notes.append(_("Repeats from %(min)s to %(max)s times", min=repeat.get("min", 0),
                       max=repeat.get("max")))
    return tuple(notes)


def _children(node: Any) -> list[Any]:
    children = node.get("controls") if isinstance(node, Mapping) else None
    return children if isinstance(children, list) else []


def _walk(items: list[Any], pointer: str, depth: int, locale: str,
          labels: Mapping[str, str]) -> Iterator[OutlineRow]:
    names = type_names()
    for index, node in enumerate(items):
        if not isinstance(node, Mapping):
            continue
        here = f"{pointer}/{index}"
        kind = type_of(node, here)
        yield OutlineRow(
            pointer=here, anchor=anchor_of(here), depth=depth, type=kind,
            type_name=names.get(kind, kind), key=node.get("key") if kind not in (
                "page", "section", "help") else None,
            label=label_of(node, locale), container=kind in CONTAINERS,
            first=index == 0, last=index == len(items) - 1, notes=_notes(node, labels),
        )
        yield from _walk(_children(node), f"{here}/controls", depth + 1, locale, labels)


def outline(definition: Mapping[str, Any], kind: str, locale: str,
            labels: Mapping[str, str] | None = None) -> list[OutlineRow]:
    """Every page and control of ``definition``, in order, with their depth."""
    body = definition.get(body_name(kind))
    return list(_walk(body if isinstance(body, list) else [], f"/{body_name(kind)}", 0,
                      locale, labels or {}))


def places(definition: Mapping[str, Any], kind: str, locale: str) -> list[dict[str, str]]:
    """Where a new control may go: ``{"value": "<parent>|<position>", "text"}`` (a
    form's controls go on its pages; pages are added on their own)."""
    found = []
    if kind == "block":
        found.append({"value": "|end", "text": str(_("At the end of the block"))})
    rows = outline(definition, kind, locale)
    for row in rows:
        if not row.container:
            continue
        name = f"{row.type_name} “{row.label}”"
        inside = [r for r in rows if r.pointer.rpartition("/")[0] == f"{row.pointer}/controls"]
        for position, child in enumerate(inside):
            found.append({"value": f"{row.pointer}|{position}",
                          "text": _("%(where)s: before “%(label)s”", where=name,
                                    label=child.label)})
        found.append({"value": f"{row.pointer}|end",
                      "text": _("%(where)s: at the end", where=name)})
    if kind == "block":
        for position, row in enumerate(r for r in rows if r.depth == 0):
            found.insert(position, {"value": f"|{position}",
                                    "text": _("Before “%(label)s”", label=row.label)})
    return found


def _step(node: Any, part: str) -> Any:
    if isinstance(node, list) and part.isdecimal() and int(part) < len(node):
        return node[int(part)]
    return node.get(part) if isinstance(node, Mapping) else None


def describe_place(definition: Any, pointer: str, locale: str) -> str:
    """``/pages/0/controls/2/label/ca`` → Page 1 “Main”, “Subject” (subject), question,
    Valencià (the style of the catalogue's admin pages)."""
    words, node, names = [], definition, property_names()
    parts = [p for p in pointer.split("/") if p]
    index = 0
    while index < len(parts):
        part, following = parts[index], parts[index + 1] if index + 1 < len(parts) else ""
        if part in ("pages", "controls", "options") and following.isdecimal():
            node = _step(_step(node, part), following)
            inner = node if isinstance(node, Mapping) else {}
            if part == "pages":
                words.append(_("Page %(number)s “%(title)s”", number=int(following) + 1,
                               title=label_of(inner, locale)))
            elif part == "options":
                words.append(_("option %(number)s", number=int(following) + 1))
            elif not inner:
                words.append(_("question %(number)s", number=int(following) + 1))
            else:
                key = inner.get("key")
                label = label_of(inner, locale)
                words.append(f"“{label}” ({key})" if key and key != label else f"“{label}”")
            index += 2
            continue
        if "@" in part:  # inside an included block: /…/applicant/interested_party@1/…
            block, _at, version = part.partition("@")
            words.append(_("block “%(key)s” version %(version)s", key=block, version=version))
            node = None
        else:
            node = _step(node, part)
            words.append(language_name(part) if part in ("es", "ca", "en") else
                         names.get(part, part))
        index += 1
    return ", ".join(words) if words else str(_("The whole definition"))
