"""Certified copies (copias auténticas) of paper documents scanned at a registry office:
the scan is opened and checked, sealed with the office's electronic seal (PAdES) and
kept as a copy of a paper document (ENI state EE03) with its own verification code.

Sealing asks the timestamp authority, so it happens in :func:`prepare_certified_copy`
outside any transaction; :func:`record_certified_copy` records it inside one. The seal
is not drawn on the scanned pages (the code resolves on /verify): a visible stamp needs
pyHanko's stamping on arbitrary PDFs and is not done yet.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.documents.codes import format_code, new_verification_code
from eoffice.documents.domain import (
    ENI_DOCUMENT_TYPE,
    DocumentType,
    ElaborationState,
    Origin,
    SignatureKind,
    SignatureLevel,
    eni_identifier,
)
from eoffice.documents.errors import EncryptedPdf, UnreadablePdf
from eoffice.documents.models import Document, DocumentSignature, DocumentVersion
from eoffice.documents.pdfa.check import check_pdfa
from eoffice.documents.runtime import DocumentsRuntime, current_runtime
from eoffice.documents.screening.pdf_content import screen_pdf
from eoffice.documents.services.issue import IssuedDocument
from eoffice.documents.signing.keys import load_signer
from eoffice.documents.signing.pades import SignatureRequest, sign_pdf_bytes
from eoffice.shared.clock import utcnow

PDF = "application/pdf"


@dataclass(frozen=True)
class PreparedCopy:
    """A sealed copy, stored in the blob store, not yet recorded."""

    title: str
    language: str
    unit_code: str
    content_sha256: str
    size: int
    pdfa_conforms: bool
    verification_code: str
    identifier: str
    sealed_at: datetime
    signer_name: str
    certificate_sha256: str
    level: SignatureLevel
    test_pki: bool


def prepare_certified_copy(*, data: bytes, title: str, language: str, unit_code: str,
                           level: SignatureLevel = SignatureLevel.B_T,
                           runtime: DocumentsRuntime | None = None) -> PreparedCopy:
    """Check the scan (a readable PDF without a password) and seal it; no database."""
    runtime = runtime or current_runtime()
    if len(data) > runtime.max_pdf_bytes:
        raise UnreadablePdf("the scan is larger than allowed")
    screen_pdf(data)  # scripts, polyglots, bombs: refused before pikepdf opens it
    report = check_pdfa(data)  # UnreadablePdf when it cannot be opened at all
    if "encrypted" in report.codes():
        raise EncryptedPdf()
    signer = load_signer(runtime.seal)
    cert = signer.signing_cert
    assert cert is not None  # load_signer refuses keys without a certificate
    signer_name = str(cert.subject.native.get("common_name") or cert.subject.human_friendly)
    sealed = sign_pdf_bytes(data, signer, SignatureRequest(
        level=level, field_name="CertifiedCopy", reason=title, location=runtime.city,
        tsa_url=runtime.tsa_url, trust_roots=runtime.trust_roots))
    blob = runtime.store.put_stream([sealed])
    now = utcnow()
    return PreparedCopy(
        title=title, language=language, unit_code=unit_code, content_sha256=blob.sha256,
        size=blob.size, pdfa_conforms=report.conforms, verification_code=new_verification_code(),
        identifier=eni_identifier(unit_code, now), sealed_at=now, signer_name=signer_name,
        certificate_sha256=hashlib.sha256(cert.dump()).hexdigest(),
        level=level, test_pki=runtime.test_pki)


def record_certified_copy(session: Session, copy: PreparedCopy, *,
                          actor: str) -> IssuedDocument:
    """Record the sealed copy (document, version, seal) in the caller's transaction."""
    document = Document(
        id=str(uuid.uuid4()), identifier=copy.identifier, doc_type=DocumentType.OTHER.value,
        eni_type=ENI_DOCUMENT_TYPE[DocumentType.OTHER], title=copy.title,
        language=copy.language, unit_code=copy.unit_code, origin=Origin.CITIZEN.value,
        elaboration_state=ElaborationState.COPY_OF_PAPER.value, captured_at=copy.sealed_at,
        verification_code=copy.verification_code, current_version=1, created_by=actor)
    session.add(document)
    session.flush()
    version = DocumentVersion(
        document_id=document.id, number=1, sha256=copy.content_sha256, size=copy.size,
        media_type=PDF, pdfa_conforms=copy.pdfa_conforms, attachments=[],
        created_at=copy.sealed_at, created_by=actor)
    session.add(version)
    session.flush()
    session.add(DocumentSignature(
        version_id=version.id, kind=SignatureKind.SEAL.value, level=copy.level.value,
        signer=copy.signer_name, certificate_sha256=copy.certificate_sha256,
        signed_at=copy.sealed_at, test_pki=copy.test_pki))
    audit.record_event(session, "documents.certified_copy", actor=actor,
                       object_type="document", object_id=document.id,
                       unit_code=copy.unit_code,
                       data={"sha256": copy.content_sha256, "level": copy.level.value})
    session.flush()
    return IssuedDocument(id=document.id, identifier=copy.identifier,
                          verification_code=format_code(copy.verification_code),
                          sha256=copy.content_sha256, size=copy.size)
