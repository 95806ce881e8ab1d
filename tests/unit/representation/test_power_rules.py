"""Pure rules of the register of powers: what a power covers, its state at a moment, the
five-year limit, how an id number's type is guessed, and "X acting for Y"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from eoffice.representation.domain import (
    Coverage,
    PowerScope,
    PowerState,
    acting_label,
    guess_id_type,
    latest_end,
    state_at,
)

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("coverage", "procedure", "file_number", "covered"), [
    (Coverage(PowerScope.ALL), None, None, True),
    (Coverage(PowerScope.ALL), "minor-works", "URB/2026/000001", True),
    (Coverage(PowerScope.PROCEDURES, ("terrace-public-road",)), "terrace-public-road", None,
     True),
    (Coverage(PowerScope.PROCEDURES, ("terrace-public-road",)), "minor-works", None, False),
    (Coverage(PowerScope.PROCEDURES, ("terrace-public-road",)), None, "URB/2026/000001",
     False),
    (Coverage(PowerScope.FILE, file_number="URB/2026/000001"), "minor-works",
     "URB/2026/000001", True),
    (Coverage(PowerScope.FILE, file_number="URB/2026/000001"), "minor-works",
     "URB/2026/000002", False),
    (Coverage(PowerScope.FILE, file_number="URB/2026/000001"), None, None, False),
])
def test_what_a_power_covers(coverage: Coverage, procedure: str | None,
                             file_number: str | None, covered: bool) -> None:
    assert coverage.covers(procedure=procedure, file_number=file_number) is covered


def test_the_state_of_a_power_over_time() -> None:
    end = START + timedelta(days=30)
    revoked = START + timedelta(days=10)

    def at(moment: datetime, revoked_at: datetime | None = None) -> PowerState:
        return state_at(valid_from=START, valid_until=end, revoked_at=revoked_at, at=moment)

    assert at(START - timedelta(seconds=1)) == PowerState.NOT_YET_VALID
    assert at(START) == PowerState.VALID
    assert at(end - timedelta(seconds=1)) == PowerState.VALID
    assert at(end) == PowerState.EXPIRED
    assert at(revoked - timedelta(seconds=1), revoked) == PowerState.VALID
    assert at(revoked, revoked) == PowerState.REVOKED
    assert state_at(valid_from=START, valid_until=None, revoked_at=None,
                    at=START + timedelta(days=3650)) == PowerState.VALID


def test_a_power_lasts_at_most_five_years() -> None:
    assert latest_end(START) == datetime(2031, 3, 1, 9, 0, tzinfo=UTC)
    assert latest_end(datetime(2028, 2, 29, tzinfo=UTC)) == datetime(2033, 2, 28, tzinfo=UTC)


@pytest.mark.parametrize(("number", "id_type"), [
    ("12345678Z", "nif"), ("X1234567L", "nie"), ("B46987657", "cif"), (" y1234567x", "nie"),
])
def test_the_type_of_an_id_number_is_guessed_from_its_first_character(
        number: str, id_type: str) -> None:
    assert guess_id_type(number) == id_type


def test_the_audit_label_says_who_acted_for_whom(app: Flask) -> None:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert acting_label("Bernat Soler", "Terrasses del Túria, S.L.") == (
            "Bernat Soler acting for Terrasses del Túria, S.L.")
