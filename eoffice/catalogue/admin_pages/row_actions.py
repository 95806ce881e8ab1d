"""The editor's "Add …" and "Remove …" buttons: each posts the whole form with
``action`` set (``add_case``, ``remove_document-0-1``…) and gets it back with the
row added or removed, unsaved. No Flask, no session."""

from __future__ import annotations

from typing import TypeVar

from eoffice.catalogue.admin_pages.draft_form import (
    MAX_ROWS,
    CaseRow,
    DocumentRow,
    DraftForm,
    ReferenceRow,
)

SAVE = "save"
Row = TypeVar("Row")


def _parse(action: str) -> tuple[str, list[int]]:
    name, *numbers = action.split("-")
    if not all(number.isdecimal() and len(number) < 4 for number in numbers):
        return "", []
    return name, [int(number) for number in numbers]


def _drop(rows: list[Row], index: int) -> bool:
    if 0 <= index < len(rows):
        del rows[index]
        return True
    return False


def apply_action(form: DraftForm, action: str) -> bool:
    """Add or remove the row ``action`` names; False when it names nothing."""
    name, at = _parse(action)
    cases = form.cases
    if name == "add_reference" and not at and len(form.references) < MAX_ROWS:
        form.references.append(ReferenceRow())
    elif name == "remove_reference" and len(at) == 1:
        return _drop(form.references, at[0])
    elif name == "add_case" and not at and len(cases) < MAX_ROWS:
        cases.append(CaseRow(documents=[]))
    elif name == "remove_case" and len(at) == 1:
        return _drop(cases, at[0])
    elif name == "add_document" and len(at) == 1 and 0 <= at[0] < len(cases):
        if len(cases[at[0]].documents) >= MAX_ROWS:
            return False
        cases[at[0]].documents.append(DocumentRow())
    elif name == "remove_document" and len(at) == 2 and 0 <= at[0] < len(cases):
        return _drop(cases[at[0]].documents, at[1])
    else:
        return False
    return True
