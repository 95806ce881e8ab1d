"""From the editor's fields to the definition's JSON document (what the services
check), and the ids of the inputs an error can point at. No Flask, no session."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from eoffice.catalogue.admin_pages.draft_form import (
    MEGABYTE,
    TEXT_FIELDS,
    CaseRow,
    DocumentRow,
    DraftForm,
)
from eoffice.catalogue.domain import CODE, KEY, LANGUAGES
from eoffice.catalogue.routes import MEDIA_TYPE_LABELS
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

MEDIA_TYPES_BY_LABEL = {label.casefold(): kind for kind, label in MEDIA_TYPE_LABELS.items()}
SEPARATORS = re.compile(r"[\s,;]+")
# Paths whose input has another id than the path gives.
EDITOR_ALIASES = {"resolution_term": "resolution_term-value"}


def _given(texts: dict[str, str]) -> dict[str, str]:
    return {language: text for language, text in texts.items() if text}


def _whole_number(value: str, path: str, problems: list[FieldError]) -> int | None:
    if not value:
        return None
    if value.isdecimal() and len(value) < 10:
        return int(value)
    problems.append(FieldError(path, _("Give a whole number, like 30."), "invalid_type"))
    return None


def _size_in_bytes(value: str, path: str, problems: list[FieldError]) -> int | None:
    if not value:
        return None
    try:
        megabytes = Decimal(value.replace(",", "."))
    except InvalidOperation:
        megabytes = Decimal(-1)
    if not megabytes.is_finite() or megabytes <= 0 or megabytes > 100_000:
        problems.append(FieldError(path, _("Give a size in megabytes, like 10 or 2.5."),
                                   "invalid_type"))
        return None
    return int(megabytes * MEGABYTE)


def media_types(text: str) -> list[str]:
    """``"PDF, image/png"`` → ``["application/pdf", "image/png"]`` (unknown words kept,
    so that the format check names them)."""
    words = [word for word in SEPARATORS.split(text) if word]
    return list(dict.fromkeys(
        word.lower() if "/" in word else MEDIA_TYPES_BY_LABEL.get(word.casefold(), word)
        for word in words
    ))


def _check_code(code: str, path: str, kebab: bool, problems: list[FieldError]) -> None:
    """Say how a code is written (the format's own message is only "not valid")."""
    if not code:
        problems.append(FieldError(path, _("This field is required."), "required"))
    elif kebab and not CODE.match(code):
        problems.append(FieldError(
            path, _("Use lower-case letters, digits and hyphens, like facade."), "invalid_code"))
    elif not kebab and not KEY.match(code):
        problems.append(FieldError(
            path, _("Use lower-case letters, digits and underscores, like site_plan."),
            "invalid_code"))


def _document(row: DocumentRow, path: str, problems: list[FieldError]) -> dict[str, Any]:
    _check_code(row.code, f"{path}.code", False, problems)
    return {
        "code": row.code, "title": _given(row.title), "mandatory": row.mandatory,
        "accepted_media_types": media_types(row.formats),
        "max_size_bytes": _size_in_bytes(row.max_size_mb, f"{path}.max_size_bytes", problems),
    }


def _case(row: CaseRow, path: str, problems: list[FieldError]) -> dict[str, Any]:
    _check_code(row.code, f"{path}.code", True, problems)
    form = None
    if row.form_key:
        version = _whole_number(row.form_version, f"{path}.form.version", problems)
        if not row.form_version:
            problems.append(FieldError(f"{path}.form.version", _("This field is required."),
                                       "required"))
        form = {"key": row.form_key, "version": version or 1}
    elif row.form_version:
        problems.append(FieldError(f"{path}.form", _("Give the key of the form."), "required"))
    return {
        "code": row.code, "title": _given(row.title), "form": form, "has_fee": row.has_fee,
        "requires_procedure": row.requires_procedure or None,
        "required_documents": [
            _document(doc, f"{path}.required_documents.{index}", problems)
            for index, doc in enumerate(row.documents)
        ],
    }


def to_document(form: DraftForm) -> tuple[dict[str, Any], list[FieldError]]:
    """The definition's JSON document, and the problems of fields that are not even
    numbers (the services check everything else)."""
    problems: list[FieldError] = []
    value = _whole_number(form.term_value, "resolution_term.value", problems)
    if form.term_unit and not form.term_value:
        problems.append(FieldError("resolution_term.value", _("This field is required."),
                                   "required"))
    term = None if value is None else {"value": value, "unit": form.term_unit}
    terms = [term_ref.partition(":") for term_ref in form.terms]
    document: dict[str, Any] = {
        **{name: _given(form.texts.get(name, {})) for name in TEXT_FIELDS},
        "unit": form.unit or None, "sia_code": form.sia_code or None,
        "kind": form.kind or "citizen_initiated", "channels": form.channels,
        "resolution_term": term, "silence_effect": form.silence_effect or None,
        "legal_references": [{"title": r.title, "url": r.url} for r in form.references],
        "terms": [{"taxonomy": taxonomy, "code": code} for taxonomy, _sep, code in terms],
        "cases": [_case(case, f"cases.{i}", problems) for i, case in enumerate(form.cases)],
    }
    return document, problems


def _languages(prefix: str) -> list[str]:
    return [f"{prefix}-{language}" for language in LANGUAGES]


def _case_anchors(prefix: str, case: CaseRow) -> list[str]:
    found = [f"{prefix}-code", *_languages(f"{prefix}-title"), f"{prefix}-form",
             f"{prefix}-form-version", f"{prefix}-has_fee", f"{prefix}-requires_procedure",
             f"{prefix}-required_documents"]
    for number in range(len(case.documents)):
        row = f"{prefix}-required_documents-{number}"
        found += [f"{row}-code", *_languages(f"{row}-title"), f"{row}-mandatory",
                  f"{row}-accepted_media_types", f"{row}-max_size_bytes"]
    return found


def anchors(form: DraftForm) -> list[str]:
    """Ids of the inputs (and row headings) of the editor showing ``form``, in the
    order of the page."""
    found = [anchor for name in TEXT_FIELDS for anchor in _languages(name)]
    found += ["unit", "sia_code", "kind", "channels", "resolution_term-value",
              "resolution_term-unit", "silence_effect", "legal_references"]
    for index in range(len(form.references)):
        found += [f"legal_references-{index}-title", f"legal_references-{index}-url"]
    found += ["terms", "cases"]
    for index, case in enumerate(form.cases):
        found += _case_anchors(f"cases-{index}", case)
    return found
