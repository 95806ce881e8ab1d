"""The read-only view of answers: sections of question/answer rows, in one language.

Used for the clerk's view and, later, the PDF of the application.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import format_decimal

from eoffice.forms.views import View
from eoffice.shared.i18n import _

HEADINGS = frozenset({"page", "section", "group", "block", "postal_address", "item"})
SILENT = frozenset({"help", "file"})


@dataclass
class Section:
    """A heading (none at the top) with its rows and the sections inside it."""

    title: str
    level: int
    id: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def _number(value: Any, locale: str, suffix: str | None) -> str:
    try:
        text = format_decimal(Decimal(str(value)), locale=locale, decimal_quantization=False)
    except (InvalidOperation, ValueError):
        text = str(value)
    return f"{text} {suffix}" if suffix else text


def _city_address(value: Any) -> str:
    """``CL de Colón, 12 (46004)`` for a resolved address; a typed text as it is."""
    if not isinstance(value, dict):
        return str(value)
    label, postcode = value.get("label") or value.get("code"), value.get("postcode")
    return f"{label} ({postcode})" if postcode else str(label)


def display(view: View, locale: str) -> str:
    """The answer of ``view`` as a person reads it."""
    value = view.value
    if value is None or value in ("", []):
        return str(_("Not given"))
    labels = {o["value"]: o["text"] for o in view.options}
    if view.kind in ("select", "radio", "checkboxes"):
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in chosen)
    if view.kind == "yes_no":
        return str(_("Yes") if value in (True, "yes", "true") else _("No"))
    if view.kind == "date" and isinstance(value, str) and len(value) == 10:
        return "/".join(reversed(value.split("-")))
    if view.kind == "number" or (view.kind == "computed" and isinstance(value, int | float)
                                 and not isinstance(value, bool)):
        return _number(value, locale, view.props.get("suffix"))
    return _city_address(value) if view.kind == "city_address" else str(value)


def sections(views: list[View], locale: str, *, title: str = "", level: int = 2,
             id: str = "eo-answers") -> Section:
    """Group ``views`` (read-only mode) into sections of rows."""
    top = Section(title=title, level=level, id=id)
    for view in views:
        if view.kind in SILENT:
            continue
        if view.kind in HEADINGS:
            inner = view.items if view.items else view.children
            if view.kind in ("group", "block") and view.items:
                inner_sections = [sections(item.children, locale, title=item.label,
                                           level=min(level + 2, 4), id=item.id)
                                  for item in view.items]
                top.sections.append(Section(title=view.label, level=min(level + 1, 4),
                                            id=view.id, sections=inner_sections))
                continue
            top.sections.append(sections(inner, locale, title=view.label,
                                         level=min(level + 1, 4), id=view.id))
            continue
        top.rows.append({"key": {"text": view.label},
                         "value": {"text": display(view, locale)}})
    return top
