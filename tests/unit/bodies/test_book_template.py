"""The PDF template of the book of resolutions renders the book's data as a PDF/A table
with the words of the document's language (whatever type the documents context files it
under)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from eoffice import documents
from eoffice.bodies.book import BookRow
from eoffice.bodies.book_pdf import book_data
from eoffice.documents.rendering.render import TEMPLATE_FOLDER, html_to_pdfa
from eoffice.documents.rendering.texts import TEXTS
from tests.pdfs import pdf_text


class NoSession:
    """book_data reads signers' names; these rows have no signer account."""

    def scalar(self, *_args: Any) -> None:
        return None


def _row(number: int, title: str, delegation: str | None) -> BookRow:
    resolution = SimpleNamespace(
        year=2026, number=number, signed_at=datetime(2026, 12, 4, 9, 0, tzinfo=UTC),
        title=title, file_number="ODP/2026/3", signed_by=None)
    return BookRow(resolution, "mayor", {"es": "Alcaldía"}, "mayor", delegation)  # type: ignore[arg-type]


def _render(data: dict[str, Any], language: str) -> str:
    env = SandboxedEnvironment(loader=FileSystemLoader(str(TEMPLATE_FOLDER)), autoescape=True,
                               undefined=StrictUndefined)
    return env.get_template("resolution_book.html").render(
        lang=language, t=TEXTS[language], title="Libro de resoluciones", data=data,
        code="ABCD-EFGH", identifier="ES_AJT_2026_X", city="Demo", unit_name="Alcaldía",
        verify_url="http://localhost/verify", test_pki=True, sealed=True, signer_name=None,
        issued_on="2026-12-04 10:00 UTC", qr_data_uri="data:image/svg+xml;base64,")


def test_the_book_template_prints_every_resolution_in_a_pdfa_table() -> None:
    rows = [_row(14, "Retirada de mesas <b>", "Decreto 2026/15"), _row(15, "Otra", None)]
    data = book_data(NoSession(), rows, body_name="Alcaldía",  # type: ignore[arg-type]
                     start=datetime(2026, 12, 1).date(), end=datetime(2026, 12, 4).date(),
                     language="es")
    html = _render(data, "es")
    assert "Retirada de mesas &lt;b&gt;" in html  # escaped
    pdf = html_to_pdfa(html)
    assert documents.check_pdfa(pdf).conforms
    text = " ".join(pdf_text(pdf).split())
    for expected in ("2026/14", "2026/15", "Retirada de mesas", "ODP/2026/3", "Asunto",
                     "por delegación (Decreto 2026/15)", "Resoluciones 2"):
        assert expected in text, expected


def test_an_empty_book_says_so_in_its_language() -> None:
    data = book_data(NoSession(), [], body_name="Alcaldia",  # type: ignore[arg-type]
                     start=datetime(2026, 12, 1).date(), end=datetime(2026, 12, 4).date(),
                     language="ca")
    assert "Sense resolucions en aquest període." in _render(data, "ca")
