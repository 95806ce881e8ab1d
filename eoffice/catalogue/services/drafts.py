"""Editing the catalogue: create a procedure with its first draft, start a new
draft from the last version, save a draft. Every change is audited."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.catalogue import format as fmt
from eoffice.catalogue import queries
from eoffice.catalogue.domain import CODE, ProcedureDefinition, VersionStatus
from eoffice.catalogue.errors import (
    DraftExists,
    InvalidDefinition,
    ProcedureExists,
    PublishedIsImmutable,
    UnknownProcedure,
    UnknownUnit,
)
from eoffice.catalogue.models import Procedure, ProcedureVersion, VersionTerm
from eoffice.catalogue.services.taxonomies import resolve_terms
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _


def check_unit(session: Session, code: str | None) -> None:
    """Refuse a unit code that the identity context does not know."""
    if code and not identity.list_units(session, codes={code}, locale="es"):
        raise UnknownUnit(errors=[FieldError(
            "unit", _("There is no administrative unit with code %(code)s.", code=code),
            "unknown_unit",
        )])


def _store(session: Session, version: ProcedureVersion, definition: ProcedureDefinition,
           *, actor: str) -> None:
    """Write ``definition`` into the draft ``version``, with its terms."""
    check_unit(session, definition.unit)
    term_ids = resolve_terms(session, definition.terms)
    version.definition = fmt.dump_definition(definition)
    version.unit_code = definition.unit
    version.updated_at, version.updated_by = utcnow(), actor
    session.flush()
    session.execute(delete(VersionTerm).where(VersionTerm.version_id == version.id))
    session.add_all(VersionTerm(version_id=version.id, term_id=term_id) for term_id in term_ids)
    session.flush()


def _new_draft(session: Session, procedure: Procedure, number: int,
               definition: ProcedureDefinition, *, actor: str) -> ProcedureVersion:
    now = utcnow()
    version = ProcedureVersion(
        procedure_id=procedure.id, number=number, status=VersionStatus.DRAFT, definition={},
        created_at=now, created_by=actor, updated_at=now, updated_by=actor,
    )
    session.add(version)
    session.flush()
    _store(session, version, definition, actor=actor)
    return version


def _audit(session: Session, action: str, code: str, version: ProcedureVersion,
           *, actor: str) -> None:
    audit.record_event(
        session, action, actor=actor, object_type="procedure", object_id=code,
        unit_code=version.unit_code,
        data={"version": version.number, "content_sha256": fmt.content_sha256(version.definition)},
    )


def create_procedure(session: Session, code: str, definition: ProcedureDefinition,
                     *, actor: str) -> ProcedureVersion:
    """A new procedure with a permanent ``code`` and its first draft (version 1)."""
    if not CODE.match(code) or len(code) > 100:
        raise InvalidDefinition(errors=[FieldError(
            "code", _("Use lower-case letters, digits and hyphens (like general-application)."),
            "invalid_code",
        )])
    if code in queries.procedure_codes(session):
        raise ProcedureExists()
    procedure = Procedure(code=code, created_at=utcnow(), created_by=actor)
    session.add(procedure)
    session.flush()
    version = _new_draft(session, procedure, 1, definition, actor=actor)
    _audit(session, "catalogue.procedure_created", code, version, actor=actor)
    return version


def start_draft(session: Session, code: str, *, actor: str,
                definition: ProcedureDefinition | None = None) -> ProcedureVersion:
    """A new draft of ``code``: ``definition``, or a copy of the latest version."""
    procedure = queries.get_procedure(session, code, for_update=True)
    if queries.find_draft(session, procedure) is not None:
        raise DraftExists()
    versions = queries.list_versions(session, procedure)
    if not versions:
        raise UnknownProcedure()
    latest = versions[-1]
    content = definition or queries.definition_of(latest)
    version = _new_draft(session, procedure, latest.number + 1, content, actor=actor)
    _audit(session, "catalogue.draft_started", code, version, actor=actor)
    return version


def save_draft(session: Session, code: str, number: int, definition: ProcedureDefinition,
               *, actor: str) -> ProcedureVersion:
    """Replace the content of draft ``number``; published versions are immutable (409)."""
    procedure = queries.get_procedure(session, code, for_update=True)
    version = queries.get_version(session, procedure, number)
    if version.status != VersionStatus.DRAFT:
        raise PublishedIsImmutable()
    _store(session, version, definition, actor=actor)
    _audit(session, "catalogue.draft_saved", code, version, actor=actor)
    return version
