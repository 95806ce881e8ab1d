"""Destroying a document's content when its retention period ends (disposition).

Every version is marked destroyed (when and why) and its bytes leave the blob store,
unless another live version (of this or another document: the store is addressed by
SHA-256) still holds the same content. The document, its versions and their signatures
stay as metadata: the tombstone. Reading the content afterwards answers 410
(``documents.content_destroyed``). Destroying again changes nothing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.documents.blobs.port import BlobStore
from eoffice.documents.errors import UnknownDocument
from eoffice.documents.models import Document, DocumentVersion
from eoffice.documents.runtime import blob_store
from eoffice.shared.clock import utcnow

REASON_CHARS = 300


def _still_needed(session: Session, sha256: str) -> bool:
    """Whether a version not destroyed still points at the content ``sha256``."""
    return session.scalar(select(DocumentVersion.id).where(
        DocumentVersion.sha256 == sha256,
        DocumentVersion.destroyed_at.is_(None)).limit(1)) is not None


def destroy_content(session: Session, document_id: str, *, actor: str, reason: str,
                    store: BlobStore | None = None) -> int:
    """Destroy the content of every version of ``document_id``; how many versions were
    destroyed now (0 when they all were before). The blobs are removed in the caller's
    transaction: a rollback afterwards leaves versions not marked whose content is gone,
    and calling again (the worker's redelivery) marks them."""
    document = session.get(Document, document_id, with_for_update=True)
    if document is None:
        raise UnknownDocument()
    store = store or blob_store()
    versions = session.scalars(select(DocumentVersion).where(
        DocumentVersion.document_id == document_id,
        DocumentVersion.destroyed_at.is_(None)).order_by(DocumentVersion.number)).all()
    if not versions:
        return 0
    now = utcnow()
    for version in versions:
        version.destroyed_at, version.destroyed_reason = now, reason[:REASON_CHARS]
    session.flush()
    removed = [version.sha256 for version in versions
               if not _still_needed(session, version.sha256) and store.delete(version.sha256)]
    audit.record_event(
        session, "documents.content_destroyed", actor=actor, object_type="document",
        object_id=document_id, unit_code=document.unit_code,
        data={"versions": [version.number for version in versions],
              "sha256": [version.sha256 for version in versions],
              "blobs_removed": len(set(removed)), "reason": reason[:REASON_CHARS]})
    return len(versions)
