"""Documents that arrive rather than being issued (a citizen's upload, a scanned paper),
and new versions of any document: content streamed into the blob store, never changed
in place."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.documents.blobs.port import BlobStore, StoredBlob
from eoffice.documents.codes import format_code, new_verification_code
from eoffice.documents.domain import (
    ENI_DOCUMENT_TYPE,
    DocumentType,
    ElaborationState,
    Origin,
    eni_identifier,
)
from eoffice.documents.errors import UnknownDocument, UnreadablePdf
from eoffice.documents.models import Document, DocumentVersion
from eoffice.documents.pdfa.check import check_pdfa
from eoffice.documents.runtime import blob_store
from eoffice.documents.services.issue import PDF, IssuedDocument
from eoffice.documents.services.read import VersionView, get_document
from eoffice.shared.clock import utcnow


def _pdfa_conforms(store: BlobStore, blob: StoredBlob, media_type: str) -> bool:
    if media_type != PDF:
        return False
    try:
        return check_pdfa(store.read_bytes(blob.sha256)).conforms
    except UnreadablePdf:
        return False


def register_document(  # noqa: PLR0913 - the ENI metadata of a document
    session: Session, *, chunks: Iterable[bytes], media_type: str, title: str,
    language: str, unit_code: str, doc_type: DocumentType | str = DocumentType.OTHER,
    origin: Origin = Origin.CITIZEN,
    elaboration_state: ElaborationState = ElaborationState.ORIGINAL,
    actor: str, max_bytes: int | None = None, store: BlobStore | None = None,
) -> IssuedDocument:
    """Keep an incoming document (streamed) with its ENI metadata as version 1."""
    store = store or blob_store()
    blob = store.put_stream(chunks, max_bytes=max_bytes)
    now = utcnow()
    kind = DocumentType(doc_type)
    document = Document(
        id=str(uuid.uuid4()), identifier=eni_identifier(unit_code, now), doc_type=kind.value,
        eni_type=ENI_DOCUMENT_TYPE[kind], title=title, language=language,
        unit_code=unit_code, origin=Origin(origin).value,
        elaboration_state=ElaborationState(elaboration_state).value, captured_at=now,
        verification_code=new_verification_code(), current_version=1, created_by=actor,
    )
    session.add(document)
    session.add(DocumentVersion(
        document_id=document.id, number=1, sha256=blob.sha256, size=blob.size,
        media_type=media_type, pdfa_conforms=_pdfa_conforms(store, blob, media_type),
        attachments=[], created_at=now, created_by=actor,
    ))
    session.flush()
    audit.record_event(session, "documents.document_registered", actor=actor,
                       object_type="document", object_id=document.id, unit_code=unit_code,
                       data={"sha256": blob.sha256, "origin": document.origin})
    return IssuedDocument(id=document.id, identifier=document.identifier,
                          verification_code=format_code(document.verification_code),
                          sha256=blob.sha256, size=blob.size)


def add_version(session: Session, document_id: str, *, chunks: Iterable[bytes],
                media_type: str, actor: str, max_bytes: int | None = None,
                store: BlobStore | None = None) -> VersionView:
    """A new version of a document; the earlier ones stay as they were."""
    document = session.get(Document, document_id, with_for_update=True)
    if document is None:
        raise UnknownDocument()
    store = store or blob_store()
    blob = store.put_stream(chunks, max_bytes=max_bytes)
    number = document.current_version + 1
    session.add(DocumentVersion(
        document_id=document.id, number=number, sha256=blob.sha256, size=blob.size,
        media_type=media_type, pdfa_conforms=_pdfa_conforms(store, blob, media_type),
        attachments=[], created_at=utcnow(), created_by=actor,
    ))
    document.current_version = number
    session.flush()
    audit.record_event(session, "documents.version_added", actor=actor,
                       object_type="document", object_id=document.id,
                       unit_code=document.unit_code,
                       data={"version": number, "sha256": blob.sha256})
    return get_document(session, document_id).current
