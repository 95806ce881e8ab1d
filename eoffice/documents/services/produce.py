"""Produces the bytes of an issued document, outside any database transaction:
template → PDF/A-3b → JSON attachments → self-check → PAdES signature or seal.

Kept apart from :mod:`issue` because it may call the timestamp authority and OCSP
responder, which must never happen while a transaction holds locks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eoffice.documents.codes import new_verification_code
from eoffice.documents.domain import DocumentType, SignatureKind, SignatureLevel, eni_identifier
from eoffice.documents.errors import NotPdfA, SigningKeyUnavailable
from eoffice.documents.pdfa.check import check_pdfa
from eoffice.documents.rendering.attach import attach_json
from eoffice.documents.rendering.render import Letterhead, html_to_pdfa, render_html
from eoffice.documents.runtime import DocumentsRuntime
from eoffice.documents.signing.keys import load_signer
from eoffice.documents.signing.pades import SignatureRequest, sign_pdf_bytes


@dataclass(frozen=True)
class DocumentRequest:
    """What a context asks for: type, language, title, template data and attachments."""

    doc_type: DocumentType
    language: str
    title: str
    data: dict[str, Any]
    unit_code: str
    unit_name: str
    attachments_json: dict[str, Any]
    level: SignatureLevel = SignatureLevel.B_LTA
    signer: str | None = None  # None: the office's seal; else an official's login
    template: str | None = None  # None: the template of ``doc_type``


@dataclass(frozen=True)
class ProducedDocument:
    """The signed bytes and what the database will record about them."""

    content: bytes
    sha256: str
    verification_code: str
    identifier: str
    issued_at: datetime
    signature_kind: SignatureKind
    signer_name: str
    certificate_sha256: str


def _signer_source(runtime: DocumentsRuntime, signer: str | None) -> Any:
    if signer is None:
        return runtime.seal
    source = runtime.officials.get(signer)
    if source is None:
        raise SigningKeyUnavailable(f"no signing key for {signer!r}")
    return source


def _common_name(signer: Any) -> str:
    subject = signer.signing_cert.subject
    return str(subject.native.get("common_name") or subject.human_friendly)


def produce_document(request: DocumentRequest, runtime: DocumentsRuntime, *,
                     issued_at: datetime) -> ProducedDocument:
    """Render, self-check and sign ``request``; nothing is stored."""
    signer = load_signer(_signer_source(runtime, request.signer))
    signer_name = _common_name(signer)
    code = new_verification_code()
    identifier = eni_identifier(request.unit_code, issued_at)
    letterhead = Letterhead(city=runtime.city, unit_name=request.unit_name,
                            verify_url=runtime.verify_url, test_pki=runtime.test_pki,
                            sealed=request.signer is None, signer_name=signer_name)
    html = render_html(doc_type=request.doc_type, language=request.language,
                       title=request.title, data=request.data, code=code,
                       identifier=identifier, issued_at=issued_at, letterhead=letterhead,
                       template_name=request.template)
    pdf = attach_json(html_to_pdfa(html), request.attachments_json, at=issued_at)
    report = check_pdfa(pdf)
    if not report.conforms:
        raise NotPdfA(", ".join(report.codes()))
    signed = sign_pdf_bytes(pdf, signer, SignatureRequest(
        level=request.level, field_name="Seal" if request.signer is None else "Signature",
        reason=request.title, location=runtime.city, tsa_url=runtime.tsa_url,
        trust_roots=runtime.trust_roots,
        reuse_revocation_seconds=runtime.revocation_reuse_seconds,
    ))
    cert = signer.signing_cert
    return ProducedDocument(
        content=signed, sha256=hashlib.sha256(signed).hexdigest(), verification_code=code,
        identifier=identifier, issued_at=issued_at,
        signature_kind=SignatureKind.SEAL if request.signer is None else SignatureKind.PERSONAL,
        signer_name=signer_name,
        certificate_sha256=hashlib.sha256(cert.dump()).hexdigest() if cert else "",
    )
