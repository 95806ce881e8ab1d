"""The documents of a citizen's folder: everything issued to her or submitted by her —
the application PDFs, files delivered and registration receipts of her submissions, the
notified documents she accessed and the evidence of each notification, the evidence of
powers she granted or holds. Only documents the documents context lets her read are
listed (``documents.may_read``); a rule registered by the folder lets her read the
receipts of her own submissions and the evidence of her own powers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import g, has_request_context
from sqlalchemy.orm import Session

from eoffice import documents, representation
from eoffice.folder import sources
from eoffice.identity import Permission, Principal


@dataclass(frozen=True)
class FolderDocument:
    """A document of the folder: what it is (``kind``), what it belongs to (``source``
    and ``source_id``) and the current version's digest, type and size."""

    document_id: str
    kind: str  # application | attachment | receipt | notified | evidence | power_evidence
    title: str
    source: str  # submission | notification | power
    source_id: str
    sha256: str
    media_type: str
    size: int
    captured_at: datetime
    verification_code: str


@dataclass(frozen=True)
class Candidate:
    document_id: str
    kind: str
    title: str
    source: str
    source_id: str


def own_powers(session: Session, principal: Principal) -> list[Any]:
    """Powers the principal granted or holds (representation's PowerView), any state."""
    own = (principal.id_number or "").strip().upper()
    if not own:
        return []
    found = {p.id: p for p in representation.powers_granted_by(session, [own])}
    found.update({p.id: p for p in representation.powers_held_by(session, own)})
    return sorted(found.values(), key=lambda p: p.number)


def _of_submissions(items: Iterable[Any]) -> Iterable[Candidate]:
    for s in items:
        label = f"{s.procedure_title}: {s.case_title}"
        if s.application_document_id:
            yield Candidate(s.application_document_id, "application", label, "submission", s.id)
        for f in s.files:
            yield Candidate(f.document_id, "attachment", f.file_name, "submission", s.id)
        if s.receipt_document_id:
            yield Candidate(s.receipt_document_id, "receipt", s.registry_number or label,
                            "submission", s.id)


def _of_notifications(items: Iterable[Any]) -> Iterable[Candidate]:
    for n in items:
        if n.accessed_at is not None and n.document_id:
            yield Candidate(n.document_id, "notified", n.subject, "notification", n.id)
        if n.evidence_document_id:
            yield Candidate(n.evidence_document_id, "evidence", n.subject, "notification", n.id)


def _of_powers(items: Iterable[Any]) -> Iterable[Candidate]:
    for p in items:
        if p.evidence_document_id:
            yield Candidate(p.evidence_document_id, "power_evidence", p.number, "power", p.id)


def documents_of(session: Session, principal: Principal, *, submissions: list[Any],
                 notifications: list[Any], powers: list[Any]) -> list[FolderDocument]:
    """The folder's documents among those of the given submissions, notifications and
    powers, each once, that the principal may read."""
    seen: set[str] = set()
    found = []
    for c in [*_of_submissions(submissions), *_of_notifications(notifications),
              *_of_powers(powers)]:
        if c.document_id in seen:
            continue
        seen.add(c.document_id)
        try:
            view = documents.get_document(session, c.document_id)
        except documents.UnknownDocument:
            continue
        if not documents.may_read(session, principal, view):
            continue
        current = view.current
        found.append(FolderDocument(c.document_id, c.kind, c.title, c.source, c.source_id,
                                    current.sha256, current.media_type, current.size,
                                    view.captured_at, view.verification_code))
    return found


def _issued_to(session: Session, principal: Principal) -> frozenset[str]:
    """Ids of receipts of the principal's submissions and evidence of her powers (once
    per request)."""
    key = f"folder_issued_{principal.account_id}"
    cached: frozenset[str] | None = g.get(key) if has_request_context() else None
    if cached is not None:
        return cached
    ids = {s.receipt_document_id for s in sources.submissions_of(session, principal, "en")
           if s.receipt_document_id}
    ids |= {p.evidence_document_id for p in own_powers(session, principal)
            if p.evidence_document_id}
    found = frozenset(ids)
    if has_request_context():
        setattr(g, key, found)
    return found


def folder_documents_rule(session: Session, principal: Principal,
                          view: documents.DocumentView) -> bool | None:
    """Access rule: a citizen may read the registration receipts of her own submissions
    and the evidence of powers she granted or holds; other documents are not the
    folder's to judge (None)."""
    if not principal.can(Permission.ACT_AS_CITIZEN) or not principal.id_number:
        return None
    return True if view.id in _issued_to(session, principal) else None
