"""Reading documents: metadata with versions and signatures, content, verification codes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.documents.blobs.port import BlobStore
from eoffice.documents.codes import format_code, normalise_code
from eoffice.documents.errors import ContentDestroyed, UnknownDocument
from eoffice.documents.models import Document, DocumentSignature, DocumentVersion
from eoffice.documents.runtime import blob_store


@dataclass(frozen=True)
class SignatureView:
    kind: str
    level: str
    signer: str
    signed_at: datetime
    test_pki: bool


@dataclass(frozen=True)
class VersionView:
    number: int
    sha256: str
    size: int
    media_type: str
    pdfa_conforms: bool
    attachments: list[str]
    created_at: datetime
    signatures: list[SignatureView]
    #: Set once the content was destroyed (disposition): metadata only from then on.
    destroyed_at: datetime | None = None


@dataclass(frozen=True)
class DocumentView:
    """A document's ENI metadata and its versions, latest last."""

    id: str
    identifier: str
    doc_type: str
    eni_type: str
    title: str
    language: str
    unit_code: str
    origin: str
    elaboration_state: str
    captured_at: datetime
    verification_code: str
    versions: list[VersionView]

    @property
    def current(self) -> VersionView:
        return self.versions[-1]

    @property
    def sha256(self) -> str:
        return self.current.sha256


def _view(session: Session, document: Document) -> DocumentView:
    versions = session.scalars(select(DocumentVersion).where(
        DocumentVersion.document_id == document.id).order_by(DocumentVersion.number)).all()
    signatures: dict[int, list[SignatureView]] = {}
    rows = session.scalars(select(DocumentSignature).where(
        DocumentSignature.version_id.in_([v.id for v in versions])).order_by(
        DocumentSignature.id))
    for row in rows:
        signatures.setdefault(row.version_id, []).append(SignatureView(
            row.kind, row.level, row.signer, row.signed_at, row.test_pki))
    return DocumentView(
        id=document.id, identifier=document.identifier, doc_type=document.doc_type,
        eni_type=document.eni_type, title=document.title, language=document.language,
        unit_code=document.unit_code, origin=document.origin,
        elaboration_state=document.elaboration_state, captured_at=document.captured_at,
        verification_code=format_code(document.verification_code),
        versions=[VersionView(v.number, v.sha256, v.size, v.media_type, v.pdfa_conforms,
                              list(v.attachments), v.created_at, signatures.get(v.id, []),
                              v.destroyed_at)
                  for v in versions],
    )


def get_document(session: Session, document_id: str) -> DocumentView:
    """The document with this id, or UnknownDocument."""
    document = session.get(Document, document_id)
    if document is None:
        raise UnknownDocument()
    return _view(session, document)


def find_by_verification_code(session: Session, code: str) -> DocumentView | None:
    """The document a typed verification code names (any case, dashes or spaces), or None."""
    compact = normalise_code(code)
    if compact is None:
        return None
    document = session.scalars(
        select(Document).where(Document.verification_code == compact)).one_or_none()
    return _view(session, document) if document else None


def open_content(session: Session, document_id: str, *, version: int | None = None,
                 store: BlobStore | None = None) -> tuple[VersionView, Iterator[bytes]]:
    """A version (the current one by default) and its bytes, checked as they stream;
    ContentDestroyed (410) once the content was destroyed under the retention schedule."""
    store = store or blob_store()
    view = get_document(session, document_id)
    chosen = view.current if version is None else next(
        (v for v in view.versions if v.number == version), None)
    if chosen is None:
        raise UnknownDocument(f"no version {version}")
    if chosen.destroyed_at is not None:
        raise ContentDestroyed()
    return chosen, store.open_stream(chosen.sha256)
