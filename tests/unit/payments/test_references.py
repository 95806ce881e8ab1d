"""Payment references: ISO 11649 creditor references with check digits, unguessable."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iso11649

from eoffice.payments.domain import (
    InvalidAmount,
    new_reference,
    normalise_reference,
    parse_amount,
    printed_reference,
    reference_with_check_digits,
)


def test_check_digits_match_the_standards_own_example() -> None:
    assert reference_with_check_digits("539007547034") == "RF18539007547034"


def test_every_new_reference_passes_its_check_digits() -> None:
    for _ in range(200):
        assert iso11649.is_valid(new_reference())


def test_new_references_do_not_repeat() -> None:
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000


def test_a_mistyped_digit_is_caught_by_the_check_digits() -> None:
    reference = new_reference()
    last = reference[-1]
    typo = reference[:-1] + ("0" if last != "0" else "1")
    assert normalise_reference(typo) is None


def test_a_reference_typed_in_blocks_with_lowercase_is_understood() -> None:
    assert normalise_reference("rf18 5390 0754 7034") == "RF18539007547034"
    assert printed_reference("RF18539007547034") == "RF18 5390 0754 7034"


@pytest.mark.parametrize("text", ["0", "-1", "12.345", "abc", "NaN", "Infinity", "1e3x"])
def test_amounts_that_are_not_money_are_refused(text: str) -> None:
    with pytest.raises(InvalidAmount):
        parse_amount(text)


def test_amounts_keep_their_cents() -> None:
    assert parse_amount("12.5") == Decimal("12.50")
    assert str(parse_amount("0.10")) == "0.10"


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=21))
def test_any_body_gets_check_digits_that_python_stdnum_accepts(body: str) -> None:
    reference = reference_with_check_digits(body)
    assert iso11649.is_valid(reference) and normalise_reference(reference) == reference
