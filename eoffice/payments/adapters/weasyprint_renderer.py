"""PDF/A-3b rendering with WeasyPrint (fonts from the system). It sits behind the
``PdfRenderer`` port until the documents context offers sealed documents."""

from __future__ import annotations

import weasyprint


class WeasyPrintRenderer:
    """Renders HTML (with its own inline CSS) to PDF/A-3b."""

    def pdf_from_html(self, html: str) -> bytes:
        document: bytes = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/a-3b")
        return document
