"""Keys suggested from texts (pure): "Do you want an answer?" → ``do_you_want_an_answer``.
frontend/js/builder.js makes the same suggestion while the person types."""

from __future__ import annotations

import re
import unicodedata

from eoffice.forms.properties import KEY

MAX_KEY = 40


def suggest_key(text: str) -> str:
    """A snake_case key made from ``text`` ("" when it has no letters)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", plain.lower())
    key = "_".join(words)[:MAX_KEY].strip("_")
    key = re.sub(r"^[0-9_]+", "", key)
    return key if KEY.match(key) else ""


def is_key(value: str) -> bool:
    return bool(KEY.match(value))
