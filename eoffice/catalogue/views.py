"""Read models in one language: procedures, cases and terms as the public API and
the citizen pages show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.catalogue.domain import (
    Channel,
    FormRef,
    LegalReference,
    ProcedureDefinition,
    ProcedureKind,
    ResolutionTerm,
    SilenceEffect,
    TermRef,
    localise,
)
from eoffice.catalogue.models import ProcedureVersion
from eoffice.catalogue.services.taxonomies import all_terms


@dataclass(frozen=True)
class TermView:
    taxonomy: str
    taxonomy_name: str
    code: str
    name: str


@dataclass(frozen=True)
class DocumentView:
    code: str
    title: str
    mandatory: bool
    accepted_media_types: tuple[str, ...]
    max_size_bytes: int | None


@dataclass(frozen=True)
class CaseView:
    code: str
    title: str
    form: FormRef | None
    required_documents: list[DocumentView]
    has_fee: bool
    requires_procedure: str | None


@dataclass(frozen=True)
class ProcedureSummary:
    code: str
    title: str
    summary: str
    unit: str | None
    unit_name: str | None
    taxonomies: list[TermView]


@dataclass(frozen=True)
class ProcedureDetail(ProcedureSummary):
    version: int
    sia_code: str | None
    description: str
    who_may_apply: str
    kind: ProcedureKind
    channels: tuple[Channel, ...]
    resolution_term: ResolutionTerm | None
    silence_effect: SilenceEffect | None
    legal_references: tuple[LegalReference, ...]
    published_from: datetime | None
    published_until: datetime | None
    cases: list[CaseView]


class Localiser:
    """Turns definitions into read models in ``locale``, with unit and term names."""

    def __init__(self, session: Session, locale: str) -> None:
        self.locale = locale
        self._terms = all_terms(session)
        self._units = {u.code: u.name for u in identity.list_units(session, codes=None,
                                                                   locale=locale)}

    def terms(self, refs: tuple[TermRef, ...]) -> list[TermView]:
        found = [self._terms[ref] for ref in refs if ref in self._terms]
        return [
            TermView(taxonomy.key, localise(taxonomy.names, self.locale), term.code,
                     localise(term.names, self.locale))
            for taxonomy, term in found
        ]

    def summary(self, code: str, definition: ProcedureDefinition) -> ProcedureSummary:
        return ProcedureSummary(
            code=code, title=localise(definition.title, self.locale),
            summary=localise(definition.summary, self.locale), unit=definition.unit,
            unit_name=self._units.get(definition.unit or ""),
            taxonomies=self.terms(definition.terms),
        )

    def _case(self, definition: ProcedureDefinition) -> list[CaseView]:
        return [
            CaseView(
                code=case.code, title=localise(case.title, self.locale), form=case.form,
                required_documents=[
                    DocumentView(doc.code, localise(doc.title, self.locale), doc.mandatory,
                                 doc.accepted_media_types, doc.max_size_bytes)
                    for doc in case.required_documents
                ],
                has_fee=case.has_fee, requires_procedure=case.requires_procedure,
            )
            for case in definition.cases
        ]

    def detail(self, code: str, version: ProcedureVersion,
               definition: ProcedureDefinition) -> ProcedureDetail:
        summary = self.summary(code, definition)
        return ProcedureDetail(
            **vars(summary), version=version.number, sia_code=definition.sia_code,
            description=localise(definition.description, self.locale),
            who_may_apply=localise(definition.who_may_apply, self.locale),
            kind=definition.kind, channels=definition.channels,
            resolution_term=definition.resolution_term,
            silence_effect=definition.silence_effect,
            legal_references=definition.legal_references,
            published_from=version.published_from, published_until=version.published_until,
            cases=self._case(definition),
        )
