"""The language of texts taken from definitions and of the messages around them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask_babel import force_locale, get_locale

from eoffice.forms.tree import LANGUAGES


def resolve_locale(locale: str | None = None) -> str:
    """``locale`` if supported, else the current request's language, else Spanish."""
    if locale in LANGUAGES:
        return str(locale)
    current = get_locale()
    language = current.language if current is not None else None
    return str(language) if language in LANGUAGES else "es"


@contextmanager
def in_locale(locale: str | None = None) -> Iterator[str]:
    """Translate messages into ``locale`` inside the block (when an app is running)."""
    chosen = resolve_locale(locale)
    with force_locale(chosen):
        yield chosen
