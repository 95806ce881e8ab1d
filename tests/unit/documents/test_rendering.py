"""Document templates: the letterhead, the verification code and QR on every page, the
test-PKI warning, three languages, and clear errors for bad templates or data."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pikepdf
import pytest

from eoffice.documents.domain import DocumentType
from eoffice.documents.errors import TemplateFailed, UnknownTemplate
from eoffice.documents.rendering.render import html_to_pdfa, render_html
from tests.unit.documents.rendered import LETTERHEAD, receipt_html, rendered_pdfa


def test_receipt_shows_the_code_readably_and_a_qr_code_to_the_verify_page() -> None:
    html = receipt_html()

    assert "0A1B-2C3D-4E5F-6G7H-X" in html
    assert 'src="data:image/svg+xml' in html
    assert "Check that this document is authentic at http://localhost:5000/verify" in html


def test_documents_signed_with_the_test_pki_say_so_and_real_ones_do_not() -> None:
    assert "TEST PKI" in receipt_html()
    assert "TEST PKI" not in receipt_html(test_pki=False)


@pytest.mark.parametrize(("language", "heading"), [
    ("es", "Código seguro de verificación"), ("ca", "Codi segur de verificació"),
    ("en", "Secure verification code")])
def test_receipt_is_worded_in_the_requested_language(language: str, heading: str) -> None:
    assert heading in receipt_html(language)


def test_template_data_is_escaped() -> None:
    html = render_html(doc_type=DocumentType.REPORT, language="en", title="<b>x</b>",
                       data={"paragraphs": ["<script>alert(1)</script>"]}, code="0" * 17,
                       identifier="ES_X", issued_at=datetime(2026, 1, 1, tzinfo=UTC),
                       letterhead=LETTERHEAD)

    assert "<script>" not in html and "&lt;script&gt;" in html


def test_missing_template_data_is_a_template_error() -> None:
    with pytest.raises(TemplateFailed):
        render_html(doc_type=DocumentType.RECEIPT, language="en", title="Receipt", data={},
                    code="0" * 17, identifier="ES_X",
                    issued_at=datetime(2026, 1, 1, tzinfo=UTC), letterhead=LETTERHEAD)


def test_unknown_language_or_type_has_no_template() -> None:
    with pytest.raises(UnknownTemplate):
        receipt_html("fr")
    with pytest.raises(UnknownTemplate):
        render_html(doc_type="poem", language="en", title="x",  # type: ignore[arg-type]
                    data={}, code="0" * 17, identifier="ES_X",
                    issued_at=datetime(2026, 1, 1, tzinfo=UTC), letterhead=LETTERHEAD)


def test_rendered_pdf_is_pdf_17_with_one_json_attachment_listed_once() -> None:
    with pikepdf.open(io.BytesIO(rendered_pdfa())) as pdf:
        assert pdf.pdf_version == "1.7"
        assert list(pdf.attachments) == ["answers.json"]
        assert len(pdf.Root.AF) == 1


SAMPLE_DATA = {
    "receipt": {"registry_number": "E-1", "registered_at": "today", "applicant": "Ana",
                "subject": "Licence"},
    "file_index": {"file_number": "2026/URB/1",
                   "entries": [{"date": "2026-12-03", "title": "Receipt", "sha256": "ab"}]},
    "resolution_book": {"labels": {"number": "No.", "signed_at": "Signed", "title": "Title",
                                   "file": "File", "signed_by": "By", "none": "None"},
                        "rows": [{"number": "2026/1", "signed_at": "2026-12-03 10:00",
                                  "title": "Licence", "file_number": "2026/ODP/1",
                                  "signed_by": "Mayor", "delegation": ""}]},
}


@pytest.mark.parametrize("language", ["es", "ca", "en"])
@pytest.mark.parametrize("doc_type", [t for t in DocumentType
                                      if t not in (DocumentType.APPLICATION,
                                                   DocumentType.OTHER)])
def test_every_issued_type_has_a_template_in_every_language(doc_type: DocumentType,
                                                            language: str) -> None:
    data = SAMPLE_DATA.get(doc_type.value, {
        "recipient": "Ana García", "sections": [
            {"heading": "Grounds", "paragraphs": ["Article 21 of Law 39/2015."]}]})

    html = render_html(doc_type=doc_type, language=language, title="Title", data=data,
                       code="0" * 17, identifier="ES_X",
                       issued_at=datetime(2026, 1, 1, tzinfo=UTC), letterhead=LETTERHEAD)

    assert "Ajuntament de Prova" in html and "0000-0000-0000-0000-0" in html


def test_verification_footer_is_printed_on_every_page_of_a_long_document() -> None:
    """The code is the only text set in the monospace font, so every page that uses that
    font shows the footer."""
    html = render_html(doc_type=DocumentType.REPORT, language="en", title="Long report",
                       data={"paragraphs": ["Lorem ipsum dolor sit amet. " * 25] * 14},
                       code="0" * 17, identifier="ES_X",
                       issued_at=datetime(2026, 1, 1, tzinfo=UTC), letterhead=LETTERHEAD)

    with pikepdf.open(io.BytesIO(html_to_pdfa(html))) as pdf:
        fonts = pdf.pages[0].obj.Resources.Font
        [mono] = [key for key, font in fonts.items() if "Mono" in str(font.BaseFont)]
        pages_with_code = [
            any(str(op.operator) == "Tf" and str(op.operands[0]) == mono
                for op in pikepdf.parse_content_stream(page))
            for page in pdf.pages]

    assert len(pages_with_code) >= 3
    assert all(pages_with_code)
