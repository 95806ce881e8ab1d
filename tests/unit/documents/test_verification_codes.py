"""Verification codes are unguessable, printed readably and read back forgivingly,
and a mistyped character is caught by the check character."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from eoffice.documents.codes import (
    ALPHABET,
    BODY_LENGTH,
    check_character,
    format_code,
    new_verification_code,
    normalise_code,
)

bodies = st.text(alphabet=ALPHABET, min_size=BODY_LENGTH, max_size=BODY_LENGTH)


def test_new_codes_carry_80_random_bits_and_never_repeat() -> None:
    codes = {new_verification_code() for _ in range(2000)}

    assert len(codes) == 2000
    assert len(ALPHABET) ** BODY_LENGTH == 2 ** 80


def test_code_is_printed_in_groups_of_four_with_the_check_character() -> None:
    code = new_verification_code()

    printed = format_code(code)

    assert printed.count("-") == 4 and len(printed) == 21
    assert normalise_code(printed) == code


def test_code_typed_in_lowercase_with_spaces_and_o_for_zero_is_understood() -> None:
    body = "0A1B" + "2C3D" + "4E5F" + "6G7H"
    code = body + check_character(body)
    typed = "oa1b 2c3d 4e5f 6g7h " + code[-1].lower()

    assert normalise_code(typed) == code


@given(bodies, st.integers(min_value=0, max_value=BODY_LENGTH), st.sampled_from(ALPHABET))
def test_any_single_mistyped_character_is_rejected(body: str, position: int,
                                                   replacement: str) -> None:
    full = body + check_character(body)
    typo = full[:position] + replacement + full[position + 1:]

    assert (normalise_code(typo) == full) == (typo == full)


@given(bodies, st.integers(min_value=0, max_value=BODY_LENGTH - 1))
def test_two_swapped_neighbours_are_rejected(body: str, position: int) -> None:
    full = body + check_character(body)
    swapped = full[:position] + full[position + 1] + full[position] + full[position + 2:]

    assert (normalise_code(swapped) == full) == (swapped == full)


def test_garbage_is_not_a_code() -> None:
    assert normalise_code("") is None
    assert normalise_code(string.punctuation) is None
    assert normalise_code("U" * 17) is None
