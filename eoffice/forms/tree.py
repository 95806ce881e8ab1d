"""The parsed form: a tree of controls with their field paths (pure, no I/O).

A field path names an answer: ``applicant.nif``; inside a repeating group or
block the item index is ``*`` in the definition (``vehicles.*.plate``) and a
number in answers (``vehicles.0.plate``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from eoffice.settings import LOCALES

LANGUAGES: tuple[str, ...] = tuple(LOCALES)
Text = Mapping[str, str]
Rule = Any  # a JSON Logic expression (or a bool for ``required``)

LAYOUT = frozenset({"page", "section", "help"})
NESTING = frozenset({"group", "block", "postal_address"})
CONTAINERS = frozenset({"page", "section", "group", "block", "postal_address"})
NO_ANSWER = frozenset({"page", "section", "help", "file", "computed"})


def text_in(text: Text | None, locale: str) -> str:
    """``text`` in ``locale`` (Spanish, then any language, when missing); "" for
    anything that is not a text object (a draft may hold anything)."""
    if not isinstance(text, Mapping) or not text:
        return ""
    found = text.get(locale) or text.get("es") or next(iter(text.values()), "")
    return found if isinstance(found, str) else ""


def join_path(namespace: str, key: str) -> str:
    return f"{namespace}.{key}" if namespace else key


def concrete(path: str, indices: tuple[int, ...]) -> str:
    """``vehicles.*.plate`` with indices (1,) → ``vehicles.1.plate``."""
    parts = path.split(".")
    found = iter(indices)
    return ".".join(str(next(found, "*")) if part == "*" else part for part in parts)


def generic(path: str) -> str:
    """``vehicles.1.plate`` → ``vehicles.*.plate``."""
    return ".".join("*" if part.isdecimal() else part for part in path.split("."))


@dataclass(frozen=True)
class Control:
    """One control of a form: a field, a container or layout (page, section, help)."""

    type: str
    key: str | None
    path: str
    pointer: str
    props: Mapping[str, Any] = field(default_factory=dict)
    children: tuple[Control, ...] = ()

    @property
    def is_field(self) -> bool:
        """Whether this control has its own path (a value, or a nested object/list)."""
        return self.type not in LAYOUT and self.key is not None

    @property
    def answers(self) -> bool:
        """Whether the citizen gives a value for it directly."""
        return self.type not in NO_ANSWER and self.type not in NESTING

    @property
    def repeat(self) -> Mapping[str, int] | None:
        value = self.props.get("repeat")
        return value if isinstance(value, Mapping) else None

    @property
    def label(self) -> Text | None:
        value = self.props.get("label") or self.props.get("title")
        return value if isinstance(value, Mapping) else None

    @property
    def hint(self) -> Text | None:
        value = self.props.get("hint")
        return value if isinstance(value, Mapping) else None

    def rule(self, name: str) -> Rule:
        return self.props.get(name)

    def walk(self) -> Iterator[Control]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class FormTree:
    """A whole form (pages at the top) or block (controls at the top)."""

    kind: str
    key: str
    version: int
    title: Text
    children: tuple[Control, ...]
    description: Text | None = None

    def walk(self) -> Iterator[Control]:
        for child in self.children:
            yield from child.walk()

    def fields(self) -> Iterator[Control]:
        return (control for control in self.walk() if control.is_field)

    def paths(self) -> set[str]:
        """Every field path, including containers (``applicant``) and their parts."""
        return {control.path for control in self.fields()}

    def leaf_paths(self) -> set[str]:
        """Paths of the controls that hold a value (not containers, not layout)."""
        return {
            control.path for control in self.fields() if control.type not in CONTAINERS
        }

    def find(self, path: str) -> Control | None:
        wanted = generic(path)
        return next((c for c in self.fields() if c.path == wanted), None)

    def document_slots(self) -> list[str]:
        return [str(c.props["document"]) for c in self.walk() if c.type == "file"]


def namespace_of(control: Control) -> str:
    """The namespace the control's children live in."""
    if control.type in NESTING:
        return f"{control.path}.*" if control.repeat else control.path
    return control.path
