"""Issues documents: produce and sign them, then record them with their first version.

``issue_document`` produces the bytes before it touches the session, so called first in
a unit of work it holds no database lock while the timestamp authority answers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.documents.codes import format_code
from eoffice.documents.domain import (
    ENI_DOCUMENT_TYPE,
    DocumentType,
    ElaborationState,
    Origin,
    SignatureLevel,
)
from eoffice.documents.models import Document, DocumentSignature, DocumentVersion
from eoffice.documents.pki.devpki import TEST_MARK
from eoffice.documents.runtime import DocumentsRuntime, current_runtime
from eoffice.documents.services.produce import (
    DocumentRequest,
    ProducedDocument,
    produce_document,
)
from eoffice.shared.clock import utcnow

PDF = "application/pdf"


@dataclass(frozen=True)
class IssuedDocument:
    """What the caller keeps: the document id, its verification code and fingerprint."""

    id: str
    identifier: str
    verification_code: str
    sha256: str
    size: int


@dataclass(frozen=True)
class PreparedDocument:
    """A rendered and signed document, stored in the blob store, not yet recorded."""

    request: DocumentRequest
    produced: ProducedDocument


def prepare_document(  # noqa: PLR0913 - the ENI metadata of a document
    *, doc_type: DocumentType | str, title: str, data: dict[str, Any], language: str,
    unit_code: str, unit_name: str, attachments_json: dict[str, Any] | None = None,
    level: SignatureLevel = SignatureLevel.B_LTA, signer: str | None = None,
    runtime: DocumentsRuntime | None = None, template: str | None = None,
) -> PreparedDocument:
    """Render, self-check, sign and store the bytes; no database. Call it outside the unit
    of work when the timestamp authority must not be waited for while holding locks."""
    runtime = runtime or current_runtime()
    request = DocumentRequest(
        doc_type=DocumentType(doc_type), language=language, title=title, data=data,
        unit_code=unit_code, unit_name=unit_name, attachments_json=attachments_json or {},
        level=level, signer=signer, template=template,
    )
    produced = produce_document(request, runtime, issued_at=utcnow())
    runtime.store.put_bytes(produced.content)
    return PreparedDocument(request, produced)


def record_document(session: Session, prepared: PreparedDocument, *,
                    origin: Origin = Origin.ADMINISTRATION,
                    actor: str = "system") -> IssuedDocument:
    """Record a prepared document with its first version and signature (audited)."""
    request, produced = prepared.request, prepared.produced
    document = _record(session, request, produced, origin=origin, actor=actor)
    audit.record_event(
        session, "documents.document_issued", actor=actor, object_type="document",
        object_id=document.id, unit_code=request.unit_code,
        data={"doc_type": request.doc_type.value, "sha256": produced.sha256,
              "level": request.level.value, "signer": produced.signer_name},
    )
    return IssuedDocument(id=document.id, identifier=produced.identifier,
                          verification_code=format_code(produced.verification_code),
                          sha256=produced.sha256, size=len(produced.content))


def issue_document(  # noqa: PLR0913 - the ENI metadata of a document
    session: Session, *, doc_type: DocumentType | str, title: str, data: dict[str, Any],
    language: str, unit_code: str, origin: Origin = Origin.ADMINISTRATION,
    attachments_json: dict[str, Any] | None = None,
    level: SignatureLevel = SignatureLevel.B_LTA, signer: str | None = None,
    actor: str = "system", runtime: DocumentsRuntime | None = None,
) -> IssuedDocument:
    """Render ``doc_type`` in ``language``, seal it (or sign it as the official ``signer``)
    at ``level``, store it and record it. Nothing is recorded when any step fails.

    The unit's name is read first, so on SQLite the write transaction is open while the
    TSA answers; :func:`prepare_document` + :func:`record_document` avoid that.
    """
    unit = identity.describe_unit(session, unit_code, locale=language)
    prepared = prepare_document(
        doc_type=doc_type, title=title, data=data, language=language, unit_code=unit_code,
        unit_name=unit.name, attachments_json=attachments_json, level=level, signer=signer,
        runtime=runtime)
    return record_document(session, prepared, origin=origin, actor=actor)


def _record(session: Session, request: DocumentRequest, produced: ProducedDocument, *,
            origin: Origin, actor: str) -> Document:
    document = Document(
        id=str(uuid.uuid4()), identifier=produced.identifier,
        doc_type=request.doc_type.value, eni_type=ENI_DOCUMENT_TYPE[request.doc_type],
        title=request.title, language=request.language, unit_code=request.unit_code,
        origin=Origin(origin).value, elaboration_state=ElaborationState.ORIGINAL.value,
        captured_at=produced.issued_at, verification_code=produced.verification_code,
        current_version=1, created_by=actor,
    )
    session.add(document)
    version = DocumentVersion(
        document_id=document.id, number=1, sha256=produced.sha256,
        size=len(produced.content), media_type=PDF, pdfa_conforms=True,
        attachments=sorted(request.attachments_json), created_at=produced.issued_at,
        created_by=actor,
    )
    session.add(version)
    session.flush()
    session.add(DocumentSignature(
        version_id=version.id, kind=produced.signature_kind.value, level=request.level.value,
        signer=produced.signer_name, certificate_sha256=produced.certificate_sha256,
        signed_at=produced.issued_at, test_pki=TEST_MARK in produced.signer_name,
    ))
    session.flush()
    return document

