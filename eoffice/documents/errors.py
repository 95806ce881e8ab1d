"""Errors of the documents context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownDocument(DomainError):
    code = "documents.unknown_document"
    status = 404
    title = _l("There is no such document.")


class UnknownVerificationCode(DomainError):
    code = "documents.unknown_verification_code"
    status = 404
    title = _l("No document has this verification code.")


class BlobMissing(DomainError):
    code = "documents.blob_missing"
    status = 500
    title = _l("The content of this document cannot be found.")


class BlobCorrupted(DomainError):
    code = "documents.blob_corrupted"
    status = 500
    title = _l("The stored content of this document does not match its fingerprint.")


class DocumentTooLarge(DomainError):
    code = "documents.too_large"
    status = 413
    title = _l("The document is larger than allowed.")


class StorageFull(DomainError):
    code = "documents.storage_full"
    status = 503
    title = _l("There is no room left to store documents; nothing was kept. "
               "Please try again later.")


class UnreadablePdf(DomainError):
    code = "documents.unreadable_pdf"
    status = 422
    title = _l("The file is not a readable PDF (corrupt, truncated or not a PDF).")


class EncryptedPdf(DomainError):
    code = "documents.encrypted_pdf"
    status = 422
    title = _l("The PDF is encrypted; send it without a password.")


class TemplateFailed(DomainError):
    code = "documents.template_failed"
    status = 422
    title = _l("The document could not be produced from its template.")


class UnknownTemplate(DomainError):
    code = "documents.unknown_template"
    status = 422
    title = _l("There is no template for this document type and language.")


class NotPdfA(DomainError):
    code = "documents.not_pdfa"
    status = 500
    title = _l("The produced document does not pass the PDF/A self-check.")


class SigningKeyUnavailable(DomainError):
    code = "documents.signing_key_unavailable"
    status = 503
    title = _l("The signing key or its certificate cannot be used.")


class CertificateExpired(DomainError):
    code = "documents.certificate_expired"
    status = 503
    title = _l("The signing certificate is expired or not yet valid.")


class TimestampUnavailable(DomainError):
    code = "documents.timestamp_unavailable"
    status = 503
    title = _l("The time-stamping or revocation service did not answer.")


class SigningFailed(DomainError):
    code = "documents.signing_failed"
    status = 500
    title = _l("The document could not be signed.")


class ContentDestroyed(DomainError):
    code = "documents.content_destroyed"
    status = 410
    title = _l("The content of this document was destroyed under the retention schedule; "
               "its metadata remain.")
