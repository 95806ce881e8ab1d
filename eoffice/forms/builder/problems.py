"""Problems of a draft on the builder's pages: an error summary whose every item names
the page and control in plain words, and the rule for saving a change: a draft may
be incomplete (texts, options still to write) but a change may not make it wrong."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from eoffice.forms.builder.outline import anchor_of, control_pointer, describe_place
from eoffice.shared.errors import FieldError

# What a draft may lack while it is being built; anything else is a mistake.
INCOMPLETE = frozenset({
    "forms.missing_translation", "forms.missing_options", "forms.missing_property",
})


def summary_items(problems: Sequence[FieldError], definition: Any, locale: str, *,
                  href: Callable[[str], str] | None = None) -> list[dict[str, str]]:
    """``[{"text", "href"}]`` for the GOV.UK error summary: "<place>: <message>"."""
    items = []
    for problem in problems:
        pointer = problem.field if problem.field.startswith("/") else ""
        place = describe_place(definition, pointer, locale) if pointer else problem.field
        link = href(pointer) if href else f"#{anchor_of(control_pointer(pointer))}"
        items.append({"text": f"{place}: {problem.message}", "href": link})
    return items


def mistakes(problems: Sequence[FieldError]) -> list[FieldError]:
    return [p for p in problems if p.code not in INCOMPLETE]


def new_mistakes(before: Sequence[FieldError], after: Sequence[FieldError]) -> list[FieldError]:
    """The mistakes of ``after`` that ``before`` did not have (by code and message, so
    that moving a control does not count an old mistake as new)."""
    left = Counter((p.code, p.message) for p in mistakes(before))
    found = []
    for problem in mistakes(after):
        if left[(problem.code, problem.message)] > 0:
            left[(problem.code, problem.message)] -= 1
        else:
            found.append(problem)
    return found
