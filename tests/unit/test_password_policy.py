"""The password policy (ASVS 5.0 V6.2): long enough, any characters, and not guessable
from the common lists or from what anyone knows about the person (ADR 0053)."""

from __future__ import annotations

import pytest

from eoffice.identity.password_policy import (
    MAX_LENGTH,
    PasswordProblem,
    check_new_password,
    context_words,
)

# What eoffice knows about the demo clerk: her login, her names, the city, her unit.
CLERK = ["clerk", "Clara", "Martí Ribes", "Ajuntament de Demo", "eoffice", "URB"]
PASSPHRASE_64 = "l'àvia Montserrat pinta núvols liles al terrat — ñandú ☂ 2031 sí"


def _problems(password: str, *, min_length: int = 12) -> list[PasswordProblem]:
    return check_new_password(password, context=CLERK, login="clerk", min_length=min_length)


def test_a_long_passphrase_with_spaces_and_any_letters_is_accepted() -> None:
    assert len(PASSPHRASE_64) == 64
    assert _problems(PASSPHRASE_64) == []


def test_no_composition_rules_lower_case_words_alone_are_enough() -> None:
    assert _problems("tortuga violeta sobre patinete") == []


def test_a_password_shorter_than_the_minimum_is_refused_whatever_its_strength() -> None:
    assert _problems("Xq7#vL2!mZ9") == [PasswordProblem.TOO_SHORT]  # 11 characters
    assert _problems("Xq7#vL2!mZ9w") == []  # 12
    assert _problems("Xq7#vL2!mZ9wT3$p", min_length=15) == []
    assert _problems("Xq7#vL2!mZ9wT3", min_length=15) == [PasswordProblem.TOO_SHORT]


def test_length_counts_characters_not_bytes() -> None:
    assert _problems("ñçàéü☂ñçàéü") == [PasswordProblem.TOO_SHORT]  # 11 characters, 24 bytes


def test_passwords_up_to_128_characters_are_accepted_and_longer_ones_refused() -> None:
    longest = PASSPHRASE_64 * 2
    assert len(longest) == MAX_LENGTH
    assert _problems(longest) == []
    assert _problems(longest + "x") == [PasswordProblem.TOO_LONG]


@pytest.mark.parametrize("password", ["password1234", "qwertyuiop12", "123456789012",
                                      "iloveyou2020", "Password1234"])
def test_the_most_common_passwords_are_refused(password: str) -> None:
    assert _problems(password) == [PasswordProblem.TOO_COMMON]


@pytest.mark.parametrize("password", ["contrasenya1234", "Contraseña2024!", "bienvenido2025"])
def test_spanish_and_valencian_password_words_count_as_common(password: str) -> None:
    assert _problems(password) == [PasswordProblem.TOO_COMMON]


@pytest.mark.parametrize("password", ["abcdefghijklmnop", "aaaaaaaaaaaaaaaa",
                                      "zxcvbnm,./asdfghjkl"])
def test_keyboard_rows_sequences_and_repetitions_are_refused(password: str) -> None:
    assert _problems(password) in ([PasswordProblem.TOO_PREDICTABLE],
                                   [PasswordProblem.TOO_COMMON])


@pytest.mark.parametrize("password", [
    "clerk2026clerk!",  # the login, even with strong characters around it
    "Xk9#mQ2vLp clerk",
    "MartiRibes_1987!!",  # her family names, accents or not
    "Ajuntament de Demo 2026",  # the city
    "AjuntamentDeDemo#1",
    "eoffice-is-my-office-99",  # the product
])
def test_passwords_built_on_the_login_the_names_or_the_city_are_refused(
        password: str) -> None:
    assert _problems(password) == [PasswordProblem.CONTAINS_PERSONAL]


def test_a_word_that_merely_contains_a_context_word_is_not_refused_for_it() -> None:
    # "demo" is in the city's name; "democracy" is an ordinary word.
    assert _problems("democracy needs patience and tea") == []


def test_context_words_come_whole_without_accents_and_split() -> None:
    words = context_words(["Martí Ribes", None, "URB-LIC"])
    assert {"martí ribes", "marti ribes", "martiribes", "marti", "ribes", "urb-lic", "urblic",
            "urb", "lic"} <= set(words)


def test_the_same_password_is_accepted_for_someone_else() -> None:
    password = "Clara Marti pinta 77"
    assert check_new_password(password, context=CLERK, login="clerk") == [
        PasswordProblem.CONTAINS_PERSONAL]
    assert check_new_password(password, context=["bernat", "Bernat", "Soler Ferrer"],
                              login="bernat") == []
