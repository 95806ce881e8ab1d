"""One entry for the content checks of an incoming file, by its sniffed media type."""

from __future__ import annotations

from eoffice.documents.screening.packed_content import ZIP_TYPES, screen_image, screen_package
from eoffice.documents.screening.pdf_content import screen_pdf

PDF = "application/pdf"


def screen_content(data: bytes, media_type: str) -> None:
    """Refuse a PDF with active content, trailing data or bombs, an office package that
    inflates beyond its budget, an image with too many pixels; return otherwise."""
    if media_type == PDF:
        screen_pdf(data)
    elif media_type in ZIP_TYPES:
        screen_package(data)
    elif media_type.startswith("image/"):
        screen_image(data)
