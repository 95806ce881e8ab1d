"""What a user task accepts when it is completed, checked before anything changes. Called
from :func:`eoffice.processing.services.instances.complete`, so the API and the task page
share it; what it returns is what goes into the process variables.

The contract of a task is, in this order:

1. its **form** (user-task property ``form`` = ``"<key>@<version>"``): the data must be
   valid answers of that published version, as the forms context validates them
   (required fields and conditions, types, choices; keys the form does not have are
   refused). The process gets the answers as the forms context keeps them (cleaned,
   hidden fields dropped, computed values recomputed).
2. else its **declared fields** (user-task property ``fields``, see
   :mod:`eoffice.processing.task_fields`): the few values a model reads from a task
   without a form of its own, e.g. ``report_unit?:unit, summary:textarea``. Undeclared
   keys are refused.
3. else (a model that declares nothing) any snake_case variables but the process's own
   (``unit``, ``subject_kind``, ``subject_id`` and those it was started with).

Invalid data: 422 ``processing.invalid_task_data`` with one ``FieldError`` per field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from eoffice import forms, identity
from eoffice.processing.bpmn import FORM_REF
from eoffice.processing.errors import InvalidTaskData
from eoffice.processing.task_fields import (
    RESERVED,
    TaskField,
    clean_declared,
    free_variable_errors,
    parse_fields,
)
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _


@dataclass(frozen=True)
class TaskContract:
    """What a task accepts: a form (key and version), declared fields, or free variables."""

    form_key: str | None = None
    form_version: int | None = None
    fields: tuple[TaskField, ...] = ()

    @property
    def has_form(self) -> bool:
        return self.form_key is not None and self.form_version is not None


def contract_of(form: str | None, mapping: Mapping[str, Any] | None) -> TaskContract:
    """The contract of a task whose projection names ``form`` and whose lane mapping (the
    instance's ``user_tasks`` entry for its element) is ``mapping``."""
    match = FORM_REF.match(form or "")
    if match is not None:
        return TaskContract(form_key=match.group(1), form_version=int(match.group(2)))
    declared = (mapping or {}).get("fields")
    return TaskContract(fields=parse_fields(declared if isinstance(declared, str) else None))


def _unit_exists(session: Session) -> Any:
    def exists(code: str) -> bool:
        return bool(identity.list_units(session, codes={code}, locale="en"))

    return exists


def check_completion(session: Session, contract: TaskContract,
                     data: Mapping[str, Any]) -> dict[str, Any]:
    """The data to merge into the process for completing a task under ``contract``, or
    :class:`InvalidTaskData` (422) naming every field at fault; nothing is changed."""
    if contract.has_form:
        assert contract.form_key is not None and contract.form_version is not None
        result = forms.validate_answers(session, contract.form_key, contract.form_version,
                                        dict(data))
        if not result.valid:
            raise InvalidTaskData(errors=result.errors)
        reserved = [FieldError(key, _("This field is not expected here."), "reserved_variable")
                    for key in result.answers if key in RESERVED]
        if reserved:  # a form must not overwrite the process's own variables (its unit...)
            raise InvalidTaskData(errors=reserved)
        return dict(result.answers)
    if contract.fields:
        cleaned, errors = clean_declared(contract.fields, data,
                                         unit_exists=_unit_exists(session))
        if errors:
            raise InvalidTaskData(errors=errors)
        return cleaned
    refused: list[FieldError] = free_variable_errors(data)
    if refused:
        raise InvalidTaskData(errors=refused)
    return dict(data)
