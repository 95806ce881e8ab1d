"""What publication asks of the forms context: does a pinned form exist, and
which document upload slots does it have.

Only the forms package surface is used (``forms.form_exists``,
``forms.document_slots``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice import forms
from eoffice.catalogue.domain import ProcedureCase, ProcedureDefinition
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _


def _slot_warnings(case: ProcedureCase, index: int, slots: set[str]) -> list[FieldError]:
    return [
        FieldError(
            f"cases.{index}.required_documents.{number}.code",
            _("The form has no upload slot for this mandatory document: it can only be "
              "attached to the application separately."),
            "no_upload_slot",
        )
        for number, document in enumerate(case.required_documents)
        if document.mandatory and document.code not in slots
    ]


def check_case_forms(
    session: Session, definition: ProcedureDefinition
) -> tuple[list[FieldError], list[FieldError]]:
    """(problems, warnings) about the forms pinned by the cases of ``definition``.

    A pinned form that does not exist (or is not published) is a problem; a
    mandatory document without an upload slot in the form is a warning.
    """
    problems: list[FieldError] = []
    warnings: list[FieldError] = []
    for index, case in enumerate(definition.cases):
        if case.form is None:
            continue
        key, version = case.form.key, case.form.version
        if not forms.form_exists(session, key, version):
            problems.append(FieldError(
                f"cases.{index}.form",
                _("There is no published form %(key)s, version %(version)s.",
                  key=key, version=version),
                "unknown_form",
            ))
        else:
            slots = {str(slot) for slot in forms.document_slots(session, key, version)}
            warnings += _slot_warnings(case, index, slots)
    return problems, warnings
