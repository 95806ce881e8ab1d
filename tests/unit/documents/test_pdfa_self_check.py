"""The PDF/A self-check flags what our pipeline could break: a PDF 2.0 file, a missing
output intent, an unembedded font, JavaScript, encryption."""

from __future__ import annotations

import pytest

from eoffice.documents.errors import UnreadablePdf
from eoffice.documents.pdfa.check import check_pdfa
from tests.unit.documents import samples
from tests.unit.documents.rendered import rendered_pdfa


def test_rendered_document_passes() -> None:
    report = check_pdfa(rendered_pdfa())

    assert report.conforms, report.problems
    assert report.claimed == "3b"


def test_pdf_20_file_is_flagged() -> None:
    report = check_pdfa(samples.as_pdf_20(rendered_pdfa()))

    assert not report.conforms
    assert "pdf_version" in report.codes()


def test_missing_output_intent_is_flagged() -> None:
    report = check_pdfa(samples.without_output_intent(rendered_pdfa()))

    assert report.codes() == ["output_intent"]


def test_unembedded_font_is_flagged() -> None:
    report = check_pdfa(samples.with_unembedded_font_page(rendered_pdfa()))

    assert report.codes() == ["font_not_embedded"]


def test_javascript_is_flagged() -> None:
    assert "javascript" in check_pdfa(samples.pdf_with_javascript()).codes()


def test_plain_pdf_without_pdfa_identification_does_not_conform() -> None:
    report = check_pdfa(samples.plain_pdf())

    assert report.claimed is None
    assert "pdfa_identification" in report.codes()


def test_encrypted_pdf_is_flagged_not_crashed_on() -> None:
    assert "encrypted" in check_pdfa(samples.encrypted_pdf()).codes()


def test_garbage_is_an_unreadable_pdf() -> None:
    with pytest.raises(UnreadablePdf):
        check_pdfa(b"%PDF-1.7\nnothing else")


def test_malformed_structure_is_reported_as_a_problem_not_a_crash() -> None:
    report = check_pdfa(samples.with_broken_font_resources())

    assert "broken_structure" in report.codes()
