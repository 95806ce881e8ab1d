"""Screening of incoming files before the documents context keeps them: PDF content a
city refuses (active content, polyglots, bombs, page counts) and the virus-scanning port
with its quarantine. See docs/adr/0048-upload-screening-and-virus-scanning.md."""

from eoffice.documents.screening.content import screen_content
from eoffice.documents.screening.errors import (
    FileTooComplex,
    InfectedFile,
    PdfActiveContent,
    PdfTrailingData,
    ScannerUnavailable,
)
from eoffice.documents.screening.pdf_content import screen_pdf
from eoffice.documents.screening.quarantine import QUARANTINED, quarantine_store, scan_upload
from eoffice.documents.screening.scanner import (
    ClamdScanner,
    NullScanner,
    Verdict,
    VirusScanner,
    current_scanner,
)

__all__ = [
    "QUARANTINED",
    "ClamdScanner",
    "FileTooComplex",
    "InfectedFile",
    "NullScanner",
    "PdfActiveContent",
    "PdfTrailingData",
    "ScannerUnavailable",
    "Verdict",
    "VirusScanner",
    "current_scanner",
    "quarantine_store",
    "scan_upload",
    "screen_content",
    "screen_pdf",
]
