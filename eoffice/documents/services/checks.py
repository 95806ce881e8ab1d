"""Checks offered for any PDF, ours or a citizen's: signature validation and the PDF/A
self-check, with the size limit applied before parsing."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from asn1crypto import x509

from eoffice.documents.errors import DocumentTooLarge, EncryptedPdf
from eoffice.documents.pdfa import check as pdfa_check
from eoffice.documents.runtime import MAX_PDF_BYTES, current_runtime
from eoffice.documents.screening.pdf_content import open_within_limits
from eoffice.documents.validation import validate as signature_check
from eoffice.documents.validation.report import ValidationReport


def _limit(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"the PDF has more than {max_bytes} bytes")


def validate_pdf(data: bytes, *, trust_roots: list[x509.Certificate] | None = None,
                 at: datetime | None = None) -> ValidationReport:
    """The signature report of ``data`` against the configured trust list (signatures
    without a timestamp are judged at ``at``, now by default)."""
    if trust_roots is None:
        runtime = current_runtime()
        _limit(data, runtime.max_pdf_bytes)
        trust_roots = runtime.trust_roots
    else:
        _limit(data, MAX_PDF_BYTES)
    return signature_check.validate_pdf(data, trust_roots=trust_roots, at=at)


def check_pdfa(data: bytes) -> pdfa_check.PdfaReport:
    """The PDF/A self-check of ``data`` (not a full validator), after pyHanko opened it
    within its decoding and page limits: qpdf inflates object streams without any limit
    and the self-check walks every page (bombs: FileTooComplex)."""
    _limit(data, MAX_PDF_BYTES)
    with suppress(EncryptedPdf):  # the self-check reports encryption itself
        open_within_limits(data)
    return pdfa_check.check_pdfa(data)
