"""What the editor's "add" forms send, read into the control to add and where (pure).

One form adds a page (``what=page``), one a control (``what=control``: type,
question in three languages, key, place) and one a block (``what=block``: a
published block version, key, place). The key is made from the English text when
it is left empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from eoffice.forms.builder.keys import is_key, suggest_key
from eoffice.forms.builder.outline import body_name
from eoffice.forms.builder.words import TYPE_ORDER
from eoffice.forms.tree import LANGUAGES, text_in
from eoffice.shared.i18n import _

NO_KEY = frozenset({"help", "section"})
# Questions start as "must be answered" (most are); the properties page changes it.
OPTIONAL_AT_FIRST = frozenset({"help", "section", "group", "file", "computed"})


@dataclass
class Addition:
    """A control to add under ``parent`` at ``position`` (None: at the end)."""

    control: dict[str, Any] = field(default_factory=dict)
    parent: str = ""
    position: int | None = None
    errors: list[dict[str, str]] = field(default_factory=list)
    done: str = ""

    def pointer_after(self, definition: Mapping[str, Any], kind: str) -> str:
        """The pointer of the added control in the saved ``definition``."""
        node: Any = definition
        for part in [p for p in self.parent.split("/") if p]:
            node = node[int(part)] if isinstance(node, list) else node.get(part)
        name = "controls" if self.parent else body_name(kind)
        children = node.get(name) if isinstance(node, Mapping) else None
        count = len(children) if isinstance(children, list) else 1
        index = self.position if self.position is not None else count - 1
        return f"{self.parent}/{name}/{index}"


def texts(values: Mapping[str, str], prefix: str) -> dict[str, str]:
    """``{"es", "ca", "en"}`` from the inputs ``<prefix>-es`` ... (empty ones left out)."""
    return {language: values.get(f"{prefix}-{language}", "").strip() for language in LANGUAGES
            if values.get(f"{prefix}-{language}", "").strip()}


def _place(values: Mapping[str, str], addition: Addition, prefix: str) -> None:
    parent, _bar, position = values.get(f"{prefix}-place", "").partition("|")
    if not _bar:
        addition.errors.append({"text": _("Choose where it goes."), "href": f"#{prefix}-place"})
        return
    addition.parent = parent
    addition.position = int(position) if position.isdecimal() else None


def _key(values: Mapping[str, str], addition: Addition, prefix: str, fallback: str) -> str:
    key = values.get(f"{prefix}-key", "") or suggest_key(fallback)
    if not is_key(key):
        addition.errors.append({"text": _("Give a key (lower-case letters, digits and "
                                          "underscores), or a question in English to make one "
                                          "from."), "href": f"#{prefix}-key"})
    return key


def _control(values: Mapping[str, str], kind: str, locale: str) -> Addition:
    addition = Addition()
    control_type = values.get("control-type", "")
    if control_type not in TYPE_ORDER:
        addition.errors.append({"text": _("Choose the kind of question."),
                                "href": "#control-type"})
    labels = texts(values, "control-label")
    if not labels:
        addition.errors.append({"text": _("Write the question (or text) in at least one "
                                          "language."), "href": "#control-label-es"})
    _place(values, addition, "control")
    if kind == "form" and addition.parent == "" and not addition.errors:
        addition.errors.append({"text": _("Choose a page to put it on."),
                                "href": "#control-place"})
    text_name = {"help": "text", "section": "title"}.get(control_type, "label")
    control: dict[str, Any] = {"type": control_type, text_name: labels}
    if control_type not in NO_KEY:
        control["key"] = _key(values, addition, "control", labels.get("en", ""))
    if control_type not in OPTIONAL_AT_FIRST:
        control["required"] = True
    if control_type in ("section", "group"):
        control["controls"] = []
    if control_type == "file":
        control["document"] = control["key"]
    addition.control = control
    addition.done = _("“%(label)s” added.", label=text_in(labels, locale))
    return addition


def _block(values: Mapping[str, str]) -> Addition:
    addition = Addition()
    block, _colon, version = values.get("block-block", "").partition(":")
    if not block or not version.isdecimal():
        addition.errors.append({"text": _("Choose a published block."), "href": "#block-block"})
    _place(values, addition, "block")
    key = _key(values, addition, "block", block)
    addition.control = {"type": "block", "key": key, "block": block,
                        "version": int(version) if version.isdecimal() else 0}
    labels = texts(values, "block-label")
    if labels:
        addition.control["label"] = labels
    addition.done = _("Block “%(block)s” added.", block=block)
    return addition


def _page(values: Mapping[str, str]) -> Addition:
    titles = texts(values, "page-title")
    addition = Addition(control={"title": titles, "controls": []}, parent="")
    if not titles:
        addition.errors.append({"text": _("Give the page a title."), "href": "#page-title-es"})
    addition.done = _("Page added.")
    return addition


def read_addition(values: Mapping[str, str], *, kind: str, locale: str) -> Addition:
    """The addition described by ``values`` (its ``errors`` say what is missing)."""
    what = values.get("what")
    if what == "page" and kind == "form":
        return _page(values)
    if what == "block":
        return _block(values)
    return _control(values, kind, locale)
