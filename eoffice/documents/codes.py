"""Verification codes: 80 random bits in Crockford base32 plus an ISO 7064 check character.

Printed as ``XXXX-XXXX-XXXX-XXXX-C``; read back ignoring case, spaces, dashes and the
letters people confuse with digits (O→0, I/L→1). Unguessable: 2^80 codes.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CHECK_ALPHABET = ALPHABET + "*~$=U"  # 37 symbols: ISO 7064 MOD 37-2 friendly
BODY_LENGTH = 16
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_character(body: str) -> str:
    """The check character of ``body`` (weighted sum mod 37; catches every single
    substitution and every transposition of adjacent characters)."""
    total = 0
    for char in body:
        total = ((total + ALPHABET.index(char)) * 2) % 37
    return CHECK_ALPHABET[(38 - total) % 37]


def new_verification_code() -> str:
    """A fresh code in its compact stored form (17 characters)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def normalise_code(text: str) -> str | None:
    """The compact form of a code someone typed, or None when it cannot be one."""
    compact = "".join(text.split()).replace("-", "").upper().translate(_CONFUSABLE)
    if len(compact) != BODY_LENGTH + 1:
        return None
    body, check = compact[:-1], compact[-1]
    if any(char not in ALPHABET for char in body):
        return None
    return compact if check_character(body) == check else None


def format_code(compact: str) -> str:
    """The human-readable form: groups of four and the check character."""
    groups = [compact[i:i + 4] for i in range(0, BODY_LENGTH, 4)]
    return "-".join([*groups, compact[BODY_LENGTH:]])
