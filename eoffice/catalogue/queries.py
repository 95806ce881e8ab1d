"""Named queries of the catalogue: procedures and versions by code, the versions
visible at an instant, and the parsed definition of a stored version."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from eoffice.catalogue import format as fmt
from eoffice.catalogue.domain import ProcedureDefinition, TermRef, VersionStatus
from eoffice.catalogue.errors import UnknownProcedure, UnknownVersion
from eoffice.catalogue.models import Procedure, ProcedureVersion, Taxonomy, Term, VersionTerm
from eoffice.catalogue.rules import Window

PV = ProcedureVersion


@dataclass(frozen=True)
class VisibleVersion:
    """A procedure as the public sees it at an instant: its code and current version."""

    code: str
    version: ProcedureVersion

    @property
    def definition(self) -> ProcedureDefinition:
        return definition_of(self.version)


def get_procedure(session: Session, code: str, *, for_update: bool = False) -> Procedure:
    query = select(Procedure).where(Procedure.code == code)
    procedure = session.scalar(query.with_for_update() if for_update else query)
    if procedure is None:
        raise UnknownProcedure()
    return procedure


def get_version(session: Session, procedure: Procedure, number: int) -> ProcedureVersion:
    version = session.scalar(select(PV).filter_by(procedure_id=procedure.id, number=number))
    if version is None:
        raise UnknownVersion()
    return version


def list_versions(session: Session, procedure: Procedure) -> Sequence[ProcedureVersion]:
    query = select(PV).filter_by(procedure_id=procedure.id).order_by(PV.number)
    return session.scalars(query).all()


def find_draft(session: Session, procedure: Procedure) -> ProcedureVersion | None:
    return session.scalar(
        select(PV).filter_by(procedure_id=procedure.id, status=VersionStatus.DRAFT)
    )


def windows_of(versions: Sequence[ProcedureVersion]) -> list[Window]:
    """The publication windows of the published ``versions``."""
    return [
        Window(v.number, v.published_from, v.published_until)
        for v in versions
        if v.status == VersionStatus.PUBLISHED and v.published_from is not None
    ]


def term_ids(session: Session, wanted: TermRef | str) -> list[int]:
    """Ids of the terms a filter names (``themes:culture``, or ``culture`` in any taxonomy)."""
    query = select(Term.id)
    if isinstance(wanted, TermRef):
        query = query.join(Taxonomy, Taxonomy.id == Term.taxonomy_id).where(
            Taxonomy.key == wanted.taxonomy, Term.code == wanted.code
        )
    else:
        query = query.where(Term.code == wanted)
    return list(session.scalars(query))


def list_visible(
    session: Session, at: datetime, *, code: str | None = None,
    term_filters: Sequence[Sequence[int]] = (),
) -> list[VisibleVersion]:
    """Current versions at ``at`` (only ``code``; classified by one term of each filter)."""
    started = (
        select(PV.procedure_id, func.max(PV.number).label("number"))
        .where(PV.status == VersionStatus.PUBLISHED, PV.published_from <= at)
        .group_by(PV.procedure_id)
        .subquery()
    )
    query = (
        select(Procedure.code, PV)
        .join(PV, PV.procedure_id == Procedure.id)
        .join(started, and_(started.c.procedure_id == PV.procedure_id,
                            started.c.number == PV.number))
        .where(or_(PV.published_until.is_(None), PV.published_until > at))
        .order_by(Procedure.code)
    )
    if code is not None:
        query = query.where(Procedure.code == code)
    for ids in term_filters:
        query = query.where(exists().where(VersionTerm.version_id == PV.id,
                                           VersionTerm.term_id.in_(ids)))
    return [VisibleVersion(c, version) for c, version in session.execute(query)]


def procedure_codes(session: Session) -> set[str]:
    return set(session.scalars(select(Procedure.code)))


_PARSED: dict[str, ProcedureDefinition] = {}  # published definitions by content hash
_PARSED_MAX = 4096


def definition_of(version: ProcedureVersion) -> ProcedureDefinition:
    """The parsed definition of ``version``; a published one is parsed once (it is
    immutable, and its content hash names it)."""
    sha256 = version.content_sha256
    if version.status != VersionStatus.PUBLISHED or not sha256:
        return fmt.load_definition(version.definition)
    parsed = _PARSED.get(sha256)
    if parsed is None:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        parsed = _PARSED[sha256] = fmt.load_definition(version.definition)
    return parsed
