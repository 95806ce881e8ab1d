"""What a citizen may apply for: the case of the procedure version visible now, the
form version it pins and the unit that will process it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from eoffice import catalogue


@dataclass(frozen=True)
class Application:
    """A procedure case open to online applications, with what a submission pins."""

    procedure: str
    procedure_version: int
    case: str
    unit: str
    form_key: str
    form_version: int
    procedure_titles: Mapping[str, str]
    case_titles: Mapping[str, str]
    fee_required: bool = False


def find_application(session: Session, procedure: str, case: str) -> Application | None:
    """The case of the visible version of ``procedure`` (UnknownProcedure / UnknownCase
    when there is none), or None when it cannot be applied for online."""
    published = catalogue.get_published_procedure(session, procedure)
    definition = published.definition
    found = definition.case(case)
    if found is None:
        raise catalogue.UnknownCase()
    online = catalogue.Channel.ONLINE in definition.channels
    by_citizen = definition.kind == catalogue.ProcedureKind.CITIZEN_INITIATED
    if found.form is None or not online or not by_citizen or not definition.unit:
        return None
    return Application(
        procedure=procedure, procedure_version=published.version, case=case,
        unit=definition.unit, form_key=found.form.key, form_version=found.form.version,
        procedure_titles=dict(definition.title), case_titles=dict(found.title),
        fee_required=found.has_fee,
    )
