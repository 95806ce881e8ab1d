"""Pure rules of the bodies' registers: keys, names, overlapping periods and scopes of
delegations, and the dates written in the reasons of a refusal."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.bodies.periods import (
    clean_names,
    covers,
    long_date,
    periods_overlap,
    scopes_overlap,
    valid_key,
)

JAN, JUN, DEC = date(2026, 1, 1), date(2026, 6, 30), date(2026, 12, 31)


@pytest.mark.parametrize(("key", "valid"), [
    ("mayor", True), ("local_board", True), ("councillor_2", True), ("m", False),
    ("Mayor", False), ("local-board", False), ("2mayor", False), ("a" * 51, False),
])
def test_a_body_key_is_lower_snake_case(key: str, valid: bool) -> None:
    assert valid_key(key) is valid


def test_names_keep_the_office_languages_trimmed() -> None:
    assert clean_names({"es": "  Junta  de Gobierno ", "ca": "", "fr": "Conseil"}) == {
        "es": "Junta de Gobierno"}


@pytest.mark.parametrize(("first", "second", "overlap"), [
    ((JAN, JUN), (JUN, None), True),  # sharing one day is overlapping: both ends count
    ((JAN, JUN), (date(2026, 7, 1), None), False),
    ((JAN, None), (date(2030, 1, 1), DEC.replace(year=2030)), True),  # open-ended
    ((date(2026, 7, 1), DEC), (JAN, JUN), False),
    ((JAN, None), (date(2020, 1, 1), None), True),
])
def test_periods_overlap_when_they_share_a_day(
        first: tuple[date, date | None], second: tuple[date, date | None],
        overlap: bool) -> None:
    assert periods_overlap(first, second) is overlap
    assert periods_overlap(second, first) is overlap


def test_a_delegation_of_every_competence_covers_and_overlaps_any_procedure() -> None:
    assert covers(None, "minor-works") and covers("minor-works", "minor-works")
    assert not covers("minor-works", "cultural-subsidy")
    assert scopes_overlap(None, "minor-works") and scopes_overlap("minor-works", None)
    assert not scopes_overlap("minor-works", "cultural-subsidy")


def test_dates_in_reasons_read_as_people_write_them() -> None:
    day = date(2026, 12, 3)
    assert long_date(day, "en") == "3 December 2026"
    assert long_date(day, "es") == "3 de diciembre de 2026"
    assert long_date(day, "ca") == "3 de desembre del 2026"
