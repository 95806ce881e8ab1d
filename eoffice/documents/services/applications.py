"""Renders a citizen's application as PDF/A-3b: the form read-only, the files delivered
with their digests, the fee; addressed to the competent unit. It is the applicant's
document, not the city's: no seal and no verification code are printed on it. The
applicant signs it (with her own certificate, or bound by her simple signature) and it
is stored as a document of origin ``citizen`` when she sends it.
"""

from __future__ import annotations

from typing import Any

from eoffice.documents.domain import DocumentType
from eoffice.documents.errors import NotPdfA
from eoffice.documents.pdfa.check import check_pdfa
from eoffice.documents.rendering.attach import attach_json
from eoffice.documents.rendering.render import Letterhead, html_to_pdfa, render_html
from eoffice.documents.runtime import DocumentsRuntime, current_runtime
from eoffice.shared.clock import utcnow

NO_CODE = "0" * 17  # the template prints no code; render_html still wants one


def render_application_pdf(*, language: str, title: str, data: dict[str, Any],
                           unit_name: str, answers_json: dict[str, Any],
                           runtime: DocumentsRuntime | None = None) -> bytes:
    """The PDF/A bytes of an application (``data``: labels and values already in
    ``language``; ``data["answers_html"]`` the form's read-only rendering); the answers
    travel inside it as ``answers.json`` too. Nothing is stored."""
    runtime = runtime or current_runtime()
    letterhead = Letterhead(city=runtime.city, unit_name=unit_name,
                            verify_url=runtime.verify_url, test_pki=False, sealed=False)
    now = utcnow()
    html = render_html(doc_type=DocumentType.APPLICATION, language=language, title=title,
                       data=data, code=NO_CODE, identifier="", issued_at=now,
                       letterhead=letterhead)
    pdf = attach_json(html_to_pdfa(html), {"answers.json": answers_json}, at=now)
    report = check_pdfa(pdf)
    if not report.conforms:
        raise NotPdfA(", ".join(report.codes()))
    return pdf
