"""Taxonomies: import and export as JSON (idempotent), listing, and the terms a
procedure is classified by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.catalogue import format as fmt
from eoffice.catalogue.domain import TermRef
from eoffice.catalogue.errors import UnknownTaxonomy, UnknownTerm
from eoffice.catalogue.models import Taxonomy, Term
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _


@dataclass
class ImportReport:
    """What an import changed; an import of what is already there changes nothing."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


Row = TypeVar("Row", Taxonomy, Term)


def _upsert(session: Session, row: Row | None, new: Row, names: dict[str, str], position: int,
            report: ImportReport) -> Row:
    if row is None:
        new.names, new.position = names, position
        session.add(new)
        session.flush()
        report.created += 1
        return new
    if row.names != names or row.position != position:
        row.names, row.position = names, position
        report.updated += 1
    else:
        report.unchanged += 1
    return row


def import_taxonomies(session: Session, document: Any, *, actor: str) -> ImportReport:
    """Create or update the taxonomies and terms of a taxonomy file.

    Terms missing from the file are kept (procedures may still use them);
    the whole file is validated before anything is written.
    """
    taxonomies = fmt.load_taxonomies(document)
    report = ImportReport()
    existing = {t.key: t for t in session.scalars(select(Taxonomy))}
    first_position = len(existing)
    for index, item in enumerate(taxonomies):
        known = existing.get(item["key"])
        position = known.position if known else first_position + index
        taxonomy = _upsert(session, known, Taxonomy(key=item["key"]), item["names"], position,
                           report)
        existing[item["key"]] = taxonomy  # the same key twice in a file updates it twice
        query = select(Term).filter_by(taxonomy_id=taxonomy.id)
        terms = {term.code: term for term in session.scalars(query)}
        for term_position, term in enumerate(item["terms"]):
            _upsert(session, terms.get(term["code"]),
                    Term(taxonomy_id=taxonomy.id, code=term["code"]), term["names"],
                    term_position, report)
    if report.changed:
        audit.record_event(
            session, "catalogue.taxonomies_imported", actor=actor, object_type="taxonomy",
            object_id=",".join(item["key"] for item in taxonomies)[:200],
            data={"created": report.created, "updated": report.updated},
        )
    return report


def export_taxonomies(session: Session, keys: Sequence[str] | None = None) -> dict[str, Any]:
    """The taxonomies (all, or those of ``keys``) as a taxonomy file."""
    query = select(Taxonomy).order_by(Taxonomy.position, Taxonomy.key)
    if keys:
        query = query.where(Taxonomy.key.in_(keys))
    taxonomies = []
    for taxonomy in session.scalars(query):
        terms = session.scalars(
            select(Term).filter_by(taxonomy_id=taxonomy.id).order_by(Term.position, Term.code)
        )
        taxonomies.append({
            "key": taxonomy.key, "names": taxonomy.names,
            "terms": [{"code": term.code, "names": term.names} for term in terms],
        })
    return {"format": fmt.TAXONOMY_FORMAT, "taxonomies": taxonomies}


def list_taxonomies(session: Session) -> Sequence[Taxonomy]:
    return session.scalars(select(Taxonomy).order_by(Taxonomy.position, Taxonomy.key)).all()


def get_taxonomy(session: Session, key: str) -> Taxonomy:
    taxonomy = session.scalar(select(Taxonomy).filter_by(key=key))
    if taxonomy is None:
        raise UnknownTaxonomy()
    return taxonomy


def list_terms(session: Session, key: str) -> Sequence[Term]:
    taxonomy = get_taxonomy(session, key)
    query = select(Term).filter_by(taxonomy_id=taxonomy.id).order_by(Term.position, Term.code)
    return session.scalars(query).all()


def term_options(session: Session, key: str) -> list[dict[str, Any]]:
    """The terms of taxonomy ``key`` as options of a select control:
    ``[{"value": code, "label": {"es", "ca", "en"}}]`` (none for an unknown taxonomy)."""
    if session.scalar(select(Taxonomy.id).filter_by(key=key)) is None:
        return []
    return [{"value": term.code, "label": dict(term.names)} for term in list_terms(session, key)]


def all_terms(session: Session) -> dict[TermRef, tuple[Taxonomy, Term]]:
    """Every term by reference, with its taxonomy."""
    rows = session.execute(select(Taxonomy, Term).join(Term, Term.taxonomy_id == Taxonomy.id))
    return {TermRef(taxonomy.key, term.code): (taxonomy, term) for taxonomy, term in rows}


def resolve_terms(session: Session, refs: Sequence[TermRef]) -> list[int]:
    """Ids of the terms ``refs`` name; an unknown one is refused, named by its place."""
    known = all_terms(session)
    unknown = [(index, ref) for index, ref in enumerate(refs) if ref not in known]
    if unknown:
        names = ", ".join(str(ref) for _, ref in unknown)
        raise UnknownTerm(
            _("Unknown taxonomy term: %(terms)s.", terms=names),
            errors=[
                FieldError(f"terms.{index}",
                           _("There is no term %(term)s.", term=str(ref)), "unknown_term")
                for index, ref in unknown
            ],
        )
    return list(dict.fromkeys(known[ref][1].id for ref in refs))
