"""Whole numbers typed by people into forms, query strings and imported files.

Python's ``str.isdigit`` accepts "²" and other digits ``int`` refuses, and ``int``
accepts digits of every script; here a whole number is plain ASCII digits, with a bound
on its length so it always fits the database's integers.
"""

from __future__ import annotations

MAX_DIGITS = 9  # below 2**31: every integer column holds it


def whole_number(text: str | None, *, max_digits: int = MAX_DIGITS) -> int | None:
    """``text`` (stripped) as a whole number of at most ``max_digits`` ASCII digits, or
    None when it is not one."""
    text = (text or "").strip()
    if 0 < len(text) <= min(max_digits, MAX_DIGITS) and text.isascii() and text.isdigit():
        return int(text)
    return None
