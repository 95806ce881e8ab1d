"""The password policy (ASVS 5.0 V6.2): what a new password must be, and why one is refused.

Length only (at least the configured minimum, at most 128 characters), no composition
rules (any Unicode, spaces too, never cut), and not guessable: zxcvbn scores it against
its frequency lists (common passwords, words, names), a few Spanish and Valencian password
words, and the context of the account (its login, the person's names, the city,
``eoffice``, its units); a score under 3, or a password built on one of those context
words, is refused. ADR 0053.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from zxcvbn import zxcvbn

from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, _l

DEFAULT_MIN_LENGTH = 12
MAX_LENGTH = 128  # passphrases welcome: ASVS V6.2.9 asks for at least 64
MIN_SCORE = 3  # zxcvbn: 3 is "safely unguessable" (about 10^8 guesses and more)
PRODUCT_NAME = "eoffice"
#: Context words this long (or the whole login) make a password refused on their own.
MIN_PERSONAL_TOKEN = 4
#: Words people here build passwords on that zxcvbn's English lists lack: they count as
#: common words (they lower the score), not as personal ones.
LOCAL_COMMON_WORDS = ("contraseña", "contrasenya", "clave", "secreto", "bienvenido",
                      "benvingut", "hola")
_WORD_SEPARATORS = re.compile(r"[\W_]+")
_PATTERNS = frozenset({"spatial", "sequence", "repeat", "date", "regex"})
# zxcvbn keeps the context words of a call in a module-level dictionary: one call at a time.
_ZXCVBN_LOCK = threading.Lock()


class PasswordProblem(StrEnum):
    """Why a new password is refused; ``password_<value>`` is its stable code."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    CONTAINS_PERSONAL = "contains_personal"
    TOO_COMMON = "too_common"
    TOO_PREDICTABLE = "too_predictable"

    @property
    def code(self) -> str:
        return f"password_{self.value}"


class WeakPassword(DomainError):
    """A new password the policy refuses; ``errors`` say why, one entry per problem."""

    code = "identity.weak_password"
    status = 422
    title = _l("The new password is not safe enough.")


def _folded(text: str) -> str:
    """Lower case without accents: ``Martí`` and ``MARTI`` are the same word."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def context_words(texts: Iterable[str | None]) -> list[str]:
    """The words zxcvbn should know about: each text as written, without accents, without
    spaces, and each of its words (``Ajuntament de Demo`` gives ``ajuntamentdedemo``,
    ``ajuntament``, ``demo``...)."""
    words: set[str] = set()
    for text in texts:
        if not text:
            continue
        for variant in {text.casefold(), _folded(text)}:
            words.add(variant)
            words.add(_WORD_SEPARATORS.sub("", variant))
            words.update(part for part in _WORD_SEPARATORS.split(variant) if part)
    words.discard("")
    return sorted(words)


_LOCAL_WORDS = frozenset(context_words(LOCAL_COMMON_WORDS))


def _strength(password: str, context: Sequence[str]) -> dict[str, Any]:
    with _ZXCVBN_LOCK:
        result: dict[str, Any] = zxcvbn(password, user_inputs=list(context),
                                        max_length=MAX_LENGTH)
    return result


def _context_word(match: dict[str, Any]) -> str | None:
    """The context word a match of zxcvbn stands for, if it stands for one."""
    if match.get("dictionary_name") != "user_inputs":
        return None
    return _folded(str(match.get("matched_word") or match.get("token") or ""))


def _personal(match: dict[str, Any], login: str) -> bool:
    word = _context_word(match)
    if word is None or word in _LOCAL_WORDS:
        return False
    return len(word) >= MIN_PERSONAL_TOKEN or (bool(login) and word == _folded(login))


def _guessable(result: dict[str, Any]) -> PasswordProblem:
    """Which explanation of a low score to give the person."""
    patterns = {str(match.get("pattern")) for match in result["sequence"]}
    common = any(match.get("dictionary_name") == "passwords"
                 or _context_word(match) in _LOCAL_WORDS for match in result["sequence"])
    if not common and patterns & _PATTERNS:
        return PasswordProblem.TOO_PREDICTABLE
    return PasswordProblem.TOO_COMMON


def check_new_password(password: str, *, context: Sequence[str], login: str = "",
                       min_length: int = DEFAULT_MIN_LENGTH) -> list[PasswordProblem]:
    """What is wrong with ``password`` as a new password (empty: it is acceptable).

    ``context`` are the words someone who knows the person would try first (see
    :func:`context_words`); ``login`` is refused inside the password whatever its length.
    Length is counted in characters (code points), and nothing is stripped or cut.
    """
    if len(password) < min_length:
        return [PasswordProblem.TOO_SHORT]
    if len(password) > MAX_LENGTH:
        return [PasswordProblem.TOO_LONG]
    words = context_words([*context, login, *LOCAL_COMMON_WORDS])
    result = _strength(password, words)
    if any(_personal(match, login) for match in result["sequence"]):
        return [PasswordProblem.CONTAINS_PERSONAL]
    if int(result["score"]) < MIN_SCORE:
        return [_guessable(result)]
    return []


def problem_message(problem: PasswordProblem, *, min_length: int) -> str:
    """The sentence that tells the person why (in her language)."""
    if problem is PasswordProblem.TOO_SHORT:
        text = _("The new password is too short: use at least %(count)s characters.",
                 count=min_length)
    elif problem is PasswordProblem.TOO_LONG:
        text = _("The new password is too long: use at most %(count)s characters.",
                 count=MAX_LENGTH)
    elif problem is PasswordProblem.CONTAINS_PERSONAL:
        text = _("The new password contains your name, your user name, or the name of "
                 "the city or of your unit: they are the first words anyone would try.")
    elif problem is PasswordProblem.TOO_PREDICTABLE:
        text = _("The new password follows a pattern that is easy to guess (a row of the "
                 "keyboard, a sequence, a repetition or a date).")
    else:
        text = _("The new password is too common: it is one of the passwords or words "
                 "people use most. Add more words that are unusual together.")
    return str(text)


def weak_password(problems: Sequence[PasswordProblem], *, field: str,
                  min_length: int) -> WeakPassword:
    """The error that refuses a new password, with one message per problem on ``field``."""
    return WeakPassword(errors=[
        FieldError(field, problem_message(problem, min_length=min_length), problem.code)
        for problem in problems
    ])
