"""Errors of upload screening (documents context), with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class PdfActiveContent(DomainError):
    code = "documents.pdf_active_content"
    status = 422
    title = _l("The PDF contains scripts or actions that start programs: save or print it "
               "again as a plain PDF and upload that.")


class FileTooComplex(DomainError):
    """Too many pages, too many pixels or too much compressed content (a bomb)."""

    code = "documents.file_too_complex"
    status = 422
    title = _l("The file has too many pages, too many pixels or too much compressed "
               "content to be checked: split it or save it again.")


class PdfTrailingData(DomainError):
    code = "documents.pdf_trailing_data"
    status = 422
    title = _l("The PDF carries other data after its end (it is also another kind of "
               "file): save or print it again as a plain PDF.")


class InfectedFile(DomainError):
    """The virus scanner found malware; the file was kept in quarantine, not stored."""

    code = "documents.infected_file"
    status = 422
    title = _l("The virus scanner found malware in this file: it was not accepted. "
               "Check your computer and send a clean copy.")


class ScannerUnavailable(DomainError):
    """Scanning is on and the scanner cannot be reached: uploads wait until it is back."""

    code = "documents.scanner_unavailable"
    status = 503
    title = _l("Files cannot be checked for viruses right now: try again in a few minutes.")
