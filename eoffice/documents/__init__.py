"""Documents context: blob store, document metadata and versions, PDF/A rendering from
templates, PAdES signing and validation, verification codes.

Other contexts call only what is listed here.
"""

from eoffice.documents.blobs.port import BlobStore, StoredBlob, iter_file
from eoffice.documents.codes import format_code, normalise_code
from eoffice.documents.domain import (
    DocumentType,
    ElaborationState,
    Origin,
    SignatureKind,
    SignatureLevel,
)
from eoffice.documents.errors import (
    BlobCorrupted,
    BlobMissing,
    CertificateExpired,
    DocumentTooLarge,
    EncryptedPdf,
    NotPdfA,
    SigningKeyUnavailable,
    TemplateFailed,
    TimestampUnavailable,
    UnknownDocument,
    UnknownTemplate,
    UnreadablePdf,
)
from eoffice.documents.pdfa.check import PdfaProblem, PdfaReport
from eoffice.documents.runtime import DocumentsRuntime, blob_store
from eoffice.documents.services.checks import check_pdfa, validate_pdf
from eoffice.documents.services.copies import (
    PreparedCopy,
    prepare_certified_copy,
    record_certified_copy,
)
from eoffice.documents.services.issue import (
    IssuedDocument,
    PreparedDocument,
    issue_document,
    prepare_document,
    record_document,
)
from eoffice.documents.services.read import (
    DocumentView,
    SignatureView,
    VersionView,
    find_by_verification_code,
    get_document,
    open_content,
)
from eoffice.documents.services.store import add_version, register_document
from eoffice.documents.validation.report import SignatureReport, ValidationReport

__all__ = [
    "BlobCorrupted",
    "BlobMissing",
    "BlobStore",
    "CertificateExpired",
    "DocumentTooLarge",
    "DocumentType",
    "DocumentView",
    "DocumentsRuntime",
    "ElaborationState",
    "EncryptedPdf",
    "IssuedDocument",
    "NotPdfA",
    "Origin",
    "PdfaProblem",
    "PdfaReport",
    "PreparedCopy",
    "PreparedDocument",
    "SignatureKind",
    "SignatureLevel",
    "SignatureReport",
    "SignatureView",
    "SigningKeyUnavailable",
    "StoredBlob",
    "TemplateFailed",
    "TimestampUnavailable",
    "UnknownDocument",
    "UnknownTemplate",
    "UnreadablePdf",
    "ValidationReport",
    "VersionView",
    "add_version",
    "blob_store",
    "check_pdfa",
    "find_by_verification_code",
    "format_code",
    "get_document",
    "issue_document",
    "iter_file",
    "normalise_code",
    "open_content",
    "prepare_certified_copy",
    "prepare_document",
    "record_certified_copy",
    "record_document",
    "register_document",
    "validate_pdf",
]
