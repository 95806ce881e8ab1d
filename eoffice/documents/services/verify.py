"""Public verification by code: the document's metadata and a fresh signature report."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.documents.errors import ContentDestroyed, UnknownVerificationCode
from eoffice.documents.runtime import DocumentsRuntime
from eoffice.documents.services.read import DocumentView, find_by_verification_code
from eoffice.documents.validation.report import ValidationReport
from eoffice.documents.validation.validate import validate_pdf


@dataclass(frozen=True)
class Verification:
    document: DocumentView
    issuer: str
    report: ValidationReport

    @property
    def test_pki(self) -> bool:
        return any(signature.test_pki for signature in self.report.signatures)


def verify_code(session: Session, code: str, runtime: DocumentsRuntime, *,
                locale: str) -> Verification:
    """The document named by ``code`` with its signatures validated now, or
    UnknownVerificationCode (the same answer for a malformed and an unknown code)."""
    document = find_by_verification_code(session, code)
    if document is None:
        raise UnknownVerificationCode()
    if document.current.destroyed_at is not None:  # disposition: metadata only (410)
        raise ContentDestroyed()
    content = runtime.store.read_bytes(document.sha256)
    unit = identity.describe_unit(session, document.unit_code, locale=locale)
    issuer = f"{runtime.city} — {unit.name}"
    report = validate_pdf(content, trust_roots=runtime.trust_roots)
    return Verification(document=document, issuer=issuer, report=report)
