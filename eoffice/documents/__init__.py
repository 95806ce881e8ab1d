"""Documents context: blob store, document metadata and versions, PDF/A rendering from
templates, PAdES signing and validation, verification codes.

Other contexts call only what is listed here.
"""

from eoffice.documents.access import AccessRule, add_access_rule, may_read
from eoffice.documents.blobs.port import BlobStore, StoredBlob, iter_file
from eoffice.documents.codes import format_code, normalise_code
from eoffice.documents.domain import (
    DocumentType,
    ElaborationState,
    Origin,
    SignatureKind,
    SignatureLevel,
)
from eoffice.documents.downloads import content_response
from eoffice.documents.errors import (
    BlobCorrupted,
    BlobMissing,
    CertificateExpired,
    ContentDestroyed,
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
from eoffice.documents.screening import (
    FileTooComplex,
    InfectedFile,
    PdfActiveContent,
    PdfTrailingData,
    ScannerUnavailable,
    scan_upload,
    screen_content,
    screen_pdf,
)
from eoffice.documents.services.applications import render_application_pdf
from eoffice.documents.services.checks import check_pdfa, validate_pdf
from eoffice.documents.services.copies import (
    PreparedCopy,
    prepare_certified_copy,
    record_certified_copy,
)
from eoffice.documents.services.destruction import destroy_content
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
from eoffice.documents.services.renewal import (
    RenewalConflict,
    VersionFacts,
    renew_timestamp,
    version_facts,
)
from eoffice.documents.services.store import add_version, register_document
from eoffice.documents.tray.circuits import (
    CircuitView,
    StepView,
    get_circuit,
    list_tray,
    reject_in_tray,
    start_circuit,
)
from eoffice.documents.tray.domain import CircuitMode, CircuitState, StepState
from eoffice.documents.tray.drafting import (
    DraftResolution,
    PreparedDraft,
    prepare_draft,
    record_draft_resolution,
    record_prepared_draft,
)
from eoffice.documents.tray.errors import (
    InvalidCircuit,
    NotYourTurn,
    ReasonRequired,
    UnknownCircuit,
)
from eoffice.documents.tray.hooks import (
    CircuitEnded,
    SignatureAttempt,
    register_finishing_hook,
    register_signature_guard,
)
from eoffice.documents.tray.signing import (
    CIRCUIT_FINISHED_TOPIC,
    PreparedTraySignature,
    prepare_tray_signature,
    record_tray_signature,
)
from eoffice.documents.validation.report import SignatureReport, ValidationReport

__all__ = [
    "CIRCUIT_FINISHED_TOPIC",
    "AccessRule",
    "BlobCorrupted",
    "BlobMissing",
    "BlobStore",
    "CertificateExpired",
    "CircuitEnded",
    "CircuitMode",
    "CircuitState",
    "CircuitView",
    "ContentDestroyed",
    "DocumentTooLarge",
    "DocumentType",
    "DocumentView",
    "DocumentsRuntime",
    "DraftResolution",
    "ElaborationState",
    "EncryptedPdf",
    "FileTooComplex",
    "InfectedFile",
    "InvalidCircuit",
    "IssuedDocument",
    "NotPdfA",
    "NotYourTurn",
    "Origin",
    "PdfActiveContent",
    "PdfTrailingData",
    "PdfaProblem",
    "PdfaReport",
    "PreparedCopy",
    "PreparedDocument",
    "PreparedDraft",
    "PreparedTraySignature",
    "ReasonRequired",
    "RenewalConflict",
    "ScannerUnavailable",
    "SignatureAttempt",
    "SignatureKind",
    "SignatureLevel",
    "SignatureReport",
    "SignatureView",
    "SigningKeyUnavailable",
    "StepState",
    "StepView",
    "StoredBlob",
    "TemplateFailed",
    "TimestampUnavailable",
    "UnknownCircuit",
    "UnknownDocument",
    "UnknownTemplate",
    "UnreadablePdf",
    "ValidationReport",
    "VersionFacts",
    "VersionView",
    "add_access_rule",
    "add_version",
    "blob_store",
    "check_pdfa",
    "content_response",
    "destroy_content",
    "find_by_verification_code",
    "format_code",
    "get_circuit",
    "get_document",
    "issue_document",
    "iter_file",
    "list_tray",
    "may_read",
    "normalise_code",
    "open_content",
    "prepare_certified_copy",
    "prepare_document",
    "prepare_draft",
    "prepare_tray_signature",
    "record_certified_copy",
    "record_document",
    "record_draft_resolution",
    "record_prepared_draft",
    "record_tray_signature",
    "register_document",
    "register_finishing_hook",
    "register_signature_guard",
    "reject_in_tray",
    "render_application_pdf",
    "renew_timestamp",
    "scan_upload",
    "screen_content",
    "screen_pdf",
    "start_circuit",
    "validate_pdf",
    "version_facts",
]
