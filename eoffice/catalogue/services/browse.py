"""What the public finds in the catalogue at an instant: search, a procedure's
details, and the case another context needs (only currently visible versions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from eoffice.catalogue import queries
from eoffice.catalogue.domain import ProcedureCase, ProcedureDefinition, localise, parse_term_filter
from eoffice.catalogue.errors import UnknownCase, UnknownProcedure
from eoffice.catalogue.rules import fold, matches_query
from eoffice.catalogue.views import Localiser, ProcedureDetail, ProcedureSummary
from eoffice.shared.clock import utcnow


@dataclass(frozen=True)
class PublishedProcedure:
    """The version of a procedure visible now: what other contexts pin."""

    code: str
    version: int
    content_sha256: str
    definition: ProcedureDefinition


def _matches(code: str, definition: ProcedureDefinition, query: str, locale: str) -> bool:
    texts = [localise(definition.title, locale), localise(definition.summary, locale), code]
    return matches_query(query, texts)


def search_procedures(
    session: Session, *, locale: str, query: str | None = None,
    taxonomy: Sequence[str] = (), at: datetime | None = None,
) -> list[ProcedureSummary]:
    """Visible procedures in ``locale`` by title: every word of ``query`` in the title,
    summary or code; classified by every term of ``taxonomy``."""
    filters = [queries.term_ids(session, parse_term_filter(term)) for term in taxonomy]
    if any(not ids for ids in filters):
        return []
    visible = queries.list_visible(session, at or utcnow(), term_filters=filters)
    localiser = Localiser(session, locale)
    found = [
        localiser.summary(item.code, item.definition)
        for item in visible
        if not query or _matches(item.code, item.definition, query, locale)
    ]
    return sorted(found, key=lambda summary: (fold(summary.title), summary.code))


def _visible(session: Session, code: str, at: datetime | None) -> queries.VisibleVersion:
    visible = queries.list_visible(session, at or utcnow(), code=code)
    if not visible:
        raise UnknownProcedure()
    return visible[0]


def get_procedure_detail(session: Session, code: str, *, locale: str,
                         at: datetime | None = None) -> ProcedureDetail:
    """The visible version of ``code`` in ``locale``; 404 when none is visible."""
    item = _visible(session, code, at)
    return Localiser(session, locale).detail(code, item.version, item.definition)


def get_published_procedure(session: Session, code: str,
                            *, at: datetime | None = None) -> PublishedProcedure:
    """The version of ``code`` visible now (or ``at``), or ``UnknownProcedure``."""
    item = _visible(session, code, at)
    return PublishedProcedure(code, item.version.number, item.version.content_sha256 or "",
                              item.definition)


def get_case(session: Session, procedure: str, case: str,
             *, at: datetime | None = None) -> ProcedureCase:
    """A case of the visible version of ``procedure``: its form, documents and fee."""
    found = get_published_procedure(session, procedure, at=at).definition.case(case)
    if found is None:
        raise UnknownCase()
    return found


def preview_version(session: Session, code: str, number: int, *, locale: str) -> ProcedureDetail:
    """Any version (a draft too) as the citizen would see it: for administrators."""
    procedure = queries.get_procedure(session, code)
    version = queries.get_version(session, procedure, number)
    return Localiser(session, locale).detail(code, version, queries.definition_of(version))
