"""Pure rules of the street map: street types and parities as files write them, sections
that share numbers, cadastral references whose control letters python-stdnum checks."""

from __future__ import annotations

import pytest

from eoffice.territory.domain import (
    Parity,
    StreetKind,
    cadastral_parcel,
    overlaps,
    parity_of,
    street_kind_of,
)


@pytest.mark.parametrize(("text", "kind"), [
    ("CL", StreetKind.CALLE), ("Calle", StreetKind.CALLE), ("carrer", StreetKind.CALLE),
    ("Avinguda", StreetKind.AVENIDA), ("PL.", StreetKind.PLAZA), ("Plaça", StreetKind.PLAZA),
    ("Gran Vía", StreetKind.GRAN_VIA), ("pz", StreetKind.PLAZA), ("Hyperloop", None),
])
def test_street_types_are_read_as_cities_write_them(text: str, kind: StreetKind | None) -> None:
    assert street_kind_of(text) == kind


@pytest.mark.parametrize(("text", "parity"), [
    ("I", Parity.ODD), ("impares", Parity.ODD), ("P", Parity.EVEN), ("even", Parity.EVEN),
    ("T", Parity.BOTH), ("", Parity.BOTH), ("sometimes", None),
])
def test_parities_are_read_as_cities_write_them(text: str, parity: Parity | None) -> None:
    assert parity_of(text) == parity


def test_odd_and_even_sides_of_a_street_do_not_overlap_but_a_shared_number_does() -> None:
    assert not overlaps(("odd", 1, 59), ("even", 2, 60))
    assert overlaps(("both", 1, 10), ("odd", 9, 20))
    assert overlaps(("even", 2, 40), ("even", 40, 80))
    assert not overlaps(("odd", 1, 9), ("both", 10, 10))
    assert not overlaps(("odd", 2, 2), ("even", 2, 2))  # an odd section holding no odd number


def test_cadastral_references_with_right_control_letters_give_their_parcel() -> None:
    assert cadastral_parcel("5730512YJ2753A0001OU") == "5730512YJ2753A"
    assert cadastral_parcel("5730512 YJ2753A 0001 OU") == "5730512YJ2753A"
    assert cadastral_parcel("5730512YJ2753A") == "5730512YJ2753A"  # a bare parcel
    assert cadastral_parcel("5730512YJ2753A0001XX") is None  # wrong control letters
    assert cadastral_parcel("5730512YJ2753A0001") is None
    assert cadastral_parcel("") is None
