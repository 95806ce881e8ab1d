"""Operators that ask something of the file's citizens: ``require_applicant`` requires the
applicant to complete her application (files context, Law 39/2015 art. 68); the model
then waits for the message ``requirement_answered`` (she answered in the portal) or
``requirement_expired`` (the term ended without an answer), as the common subprocess
``require_completion`` does."""

from __future__ import annotations

from typing import Any

from eoffice import files
from eoffice.processing.operators import Operator, RunContext


def _require_applicant(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    file_id = context.file_id("require_applicant")
    days = params.get("term_days")
    requirement = files.make_requirement(
        context.session, file_id, text=str(params.get("text") or ""),
        term_days=int(days) if days not in (None, "") else 10, actor=context.actor,
        instance_id=context.instance_id)
    return {"requirement_id": requirement.id, "due_on": requirement.due_on.isoformat()}


OPERATORS = (
    Operator(name="require_applicant", summary="Require the file's applicant to complete "
             "the application (text: what is missing; term_days: business days, 10 by "
             "default); the model then waits for the message 'requirement_answered' or "
             "'requirement_expired'.", run=_require_applicant, required=("text",),
             optional=("term_days",), outputs=("requirement_id", "due_on")),
)
