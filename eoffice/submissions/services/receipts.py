"""The registration receipt of a sent submission, as the citizen and the API see it:
issued right after the registration commits (never inside it), or later by the worker
when the request could not seal it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from eoffice import documents, registry
from eoffice.submissions.models import Submission

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReceiptRef:
    document_id: str
    verification_code: str


def issue_after_commit(entry_id: str, *, language: str) -> ReceiptRef | None:
    """Seal the receipt now; on any failure leave it to the worker (outbox) and say so."""
    try:
        found = registry.issue_receipt(entry_id, language=language)
    except Exception:
        log.exception("receipt of entry %s left to the worker", entry_id)
        return None
    if found is None:
        return None
    return ReceiptRef(found.id, found.verification_code)  # already printed form


def receipt_of(session: Session, submission: Submission) -> ReceiptRef | None:
    """The receipt of a registered submission, once sealed."""
    if not submission.registry_entry_id:
        return None
    entry = registry.get_entry(session, submission.registry_entry_id)
    if not entry.receipt_document_id:
        return None
    found = documents.get_document(session, entry.receipt_document_id)
    return ReceiptRef(found.id, found.verification_code)  # already printed form
