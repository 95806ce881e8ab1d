"""The checks a definition passes before it is published: completeness (pure
rules), and references to units, terms, chained procedures and forms."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.catalogue.domain import ProcedureDefinition, VersionStatus
from eoffice.catalogue.errors import UnknownTerm, UnknownUnit
from eoffice.catalogue.form_checks import check_case_forms
from eoffice.catalogue.models import Procedure, ProcedureVersion
from eoffice.catalogue.rules import publication_problems
from eoffice.catalogue.services.drafts import check_unit
from eoffice.catalogue.services.taxonomies import resolve_terms
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _


def published_codes(session: Session) -> set[str]:
    """Codes of the procedures that have at least one published version."""
    query = (
        select(Procedure.code)
        .join(ProcedureVersion, ProcedureVersion.procedure_id == Procedure.id)
        .where(ProcedureVersion.status == VersionStatus.PUBLISHED)
    )
    return set(session.scalars(query))


def _chain_problems(session: Session, definition: ProcedureDefinition) -> list[FieldError]:
    chained = [(i, c.requires_procedure) for i, c in enumerate(definition.cases)
               if c.requires_procedure]
    if not chained:
        return []
    known = published_codes(session)
    return [
        FieldError(f"cases.{index}.requires_procedure",
                   _("There is no published procedure %(code)s.", code=code), "unknown_procedure")
        for index, code in chained
        if code not in known
    ]


def publication_check(
    session: Session, code: str, definition: ProcedureDefinition
) -> tuple[list[FieldError], list[FieldError]]:
    """(problems, warnings) of publishing ``definition`` as procedure ``code``."""
    problems = publication_problems(definition, own_code=code)
    try:
        check_unit(session, definition.unit)
    except UnknownUnit as exc:
        problems += exc.errors
    try:
        resolve_terms(session, definition.terms)
    except UnknownTerm as exc:
        problems += exc.errors
    problems += _chain_problems(session, definition)
    form_problems, warnings = check_case_forms(session, definition)
    return problems + form_problems, warnings
