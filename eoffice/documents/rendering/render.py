"""Renders a document type's HTML template to PDF/A-3b with WeasyPrint.

Templates live in ``eoffice/documents/pdf_templates`` (one per document type, extending
``base.html`` with the city's letterhead and the verification footer printed on every
page: code, QR code to the public verification page and, for the test PKI, a warning).
They run sandboxed with strict undefined values: missing data is a template error.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import segno
from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from eoffice.documents.codes import format_code
from eoffice.documents.domain import LANGUAGES, DocumentType
from eoffice.documents.errors import TemplateFailed, UnknownTemplate
from eoffice.documents.rendering.texts import TEXTS

TEMPLATE_FOLDER = Path(__file__).parent.parent / "pdf_templates"
TEMPLATE_NAME = re.compile(r"[a-z][a-z_]{0,39}")
_ENV = SandboxedEnvironment(
    loader=FileSystemLoader(str(TEMPLATE_FOLDER)), autoescape=True, undefined=StrictUndefined
)

# Only inline (data:) resources: a template can never make the server fetch a URL.
_DATA_ONLY = URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
_THREAD = threading.local()  # one FontConfiguration per thread: Pango's font map is not shared


@dataclass(frozen=True)
class Letterhead:
    """Who issues: the city, the unit, and where the public verifies documents."""

    city: str
    unit_name: str
    verify_url: str
    test_pki: bool
    sealed: bool = True
    signer_name: str | None = None  # printed in the signature block


def verification_link(verify_url: str, code: str) -> str:
    return f"{verify_url}?code={format_code(code)}"


def render_html(  # noqa: PLR0913 - what every document prints
    *, doc_type: DocumentType, language: str, title: str, data: dict[str, Any], code: str,
    identifier: str, issued_at: datetime, letterhead: Letterhead,
    template_name: str | None = None,
) -> str:
    """The HTML of the document from the template of its type, or from ``template_name``
    (a template of another context: ``bodies_certificate``); TemplateFailed or
    UnknownTemplate when it cannot be."""
    if language not in LANGUAGES:
        raise UnknownTemplate(f"no language {language!r}")
    if template_name is not None and not TEMPLATE_NAME.fullmatch(template_name):
        raise UnknownTemplate(f"no template {template_name!r}")
    try:
        template = _ENV.get_template(f"{template_name or DocumentType(doc_type).value}.html")
    except (TemplateNotFound, ValueError) as exc:
        raise UnknownTemplate(f"no template for {doc_type!r}") from exc
    link = verification_link(letterhead.verify_url, code)
    context = {
        "lang": language, "t": TEXTS[language], "title": title, "data": data,
        "code": format_code(code), "identifier": identifier, "city": letterhead.city,
        "unit_name": letterhead.unit_name, "verify_url": letterhead.verify_url,
        "test_pki": letterhead.test_pki, "sealed": letterhead.sealed,
        "signer_name": letterhead.signer_name,
        "issued_on": issued_at.strftime("%Y-%m-%d %H:%M UTC"),
        "qr_data_uri": segno.make(link, error="m").svg_data_uri(scale=4),
    }
    try:
        return template.render(context)
    except (TemplateError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TemplateFailed(f"{doc_type} template: {type(exc).__name__}") from exc


def html_to_pdfa(html: str) -> bytes:
    """PDF/A-3b (PDF 1.7, fonts embedded) of ``html``; no resource leaves the process.
    The font configuration (fontconfig's lookup) is set up once per thread."""
    fonts: FontConfiguration | None = getattr(_THREAD, "fonts", None)
    if fonts is None:
        fonts = _THREAD.fonts = FontConfiguration()
    try:
        pdf: bytes = HTML(string=html, url_fetcher=_DATA_ONLY).write_pdf(
            pdf_variant="pdf/a-3b", font_config=fonts)
    except FatalURLFetchingError as refused:  # a BaseException: no `except Exception` sees it
        raise TemplateFailed(f"the template asks for a resource: {refused}") from None
    return pdf
