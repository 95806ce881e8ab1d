"""Small real PDF files for tests (made with pikepdf, no rendering)."""

from __future__ import annotations

import io

import pikepdf


def tiny_pdf(text: str = "plan") -> bytes:
    """A one-page PDF whose page content mentions ``text``."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 200))
        pdf.pages[0].Contents = pdf.make_stream(f"% {text}\n".encode())
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def encrypted_pdf() -> bytes:
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 200))
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="secret"))
        return out.getvalue()


def pdf_text(pdf: bytes) -> str:
    """The text of every page of ``pdf`` (what a reader would see), by pdfium."""
    import pypdfium2  # noqa: PLC0415 - only tests that read PDF text need it

    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
