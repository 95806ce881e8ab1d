"""One small PDF/A-3b rendered from the receipt template, once per test session."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from eoffice.documents.domain import DocumentType
from eoffice.documents.rendering.attach import attach_json
from eoffice.documents.rendering.render import Letterhead, html_to_pdfa, render_html

LETTERHEAD = Letterhead(city="Ajuntament de Prova", unit_name="Urbanisme",
                        verify_url="http://localhost:5000/verify", test_pki=True)
CODE = "0A1B2C3D4E5F6G7H" + "X"
RECEIPT = {"registry_number": "E-2026-1", "registered_at": "2026-12-03 10:00",
           "applicant": "Ana", "subject": "Licence"}


def receipt_html(language: str = "en", **letterhead: object) -> str:
    return render_html(
        doc_type=DocumentType.RECEIPT, language=language, title="Receipt", data=RECEIPT,
        code=CODE, identifier="ES_URB_2026_X", issued_at=datetime(2026, 12, 3, tzinfo=UTC),
        letterhead=Letterhead(**{**LETTERHEAD.__dict__, **letterhead}),  # type: ignore[arg-type]
    )


@cache
def rendered_pdfa() -> bytes:
    return attach_json(html_to_pdfa(receipt_html()), {"answers.json": {"a": 1}},
                       at=datetime(2026, 12, 3, tzinfo=UTC))
