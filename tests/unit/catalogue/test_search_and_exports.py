"""Searching ignores accents and case; CSV exports never carry spreadsheet formulas."""

from __future__ import annotations

import pytest

from eoffice.catalogue.domain import TermRef, localise, parse_term_filter
from eoffice.catalogue.rules import matches_query
from eoffice.shared.spreadsheet import spreadsheet_safe


def test_a_search_finds_words_whatever_their_accents_and_case() -> None:
    assert matches_query("llicencia OBRA", ["Llicència d'obra menor"])
    assert matches_query("", ["anything"])


def test_a_search_needs_every_word() -> None:
    assert not matches_query("licencia terraza", ["Licencia de obra menor"])


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_a_spreadsheet_would_run_is_escaped(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


def test_ordinary_cells_are_left_as_they_are() -> None:
    assert spreadsheet_safe("Llicència d'obra menor") == "Llicència d'obra menor"
    assert spreadsheet_safe(None) == ""
    assert spreadsheet_safe(3) == "3"


def test_a_text_falls_back_to_spanish_when_the_language_is_missing() -> None:
    assert localise({"es": "Terraza", "en": ""}, "en") == "Terraza"
    assert localise({"ca": "Terrassa"}, "en") == "Terrassa"


def test_a_term_filter_names_a_term_of_one_taxonomy_or_of_any() -> None:
    assert parse_term_filter("themes:culture") == TermRef("themes", "culture")
    assert parse_term_filter("culture") == "culture"
