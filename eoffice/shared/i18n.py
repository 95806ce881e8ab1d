"""Translation helpers usable outside a request (lazy strings resolve when shown)."""

from __future__ import annotations

from flask_babel import get_locale, gettext, lazy_gettext, ngettext

_ = gettext
_l = lazy_gettext


def current_language() -> str:
    """The language code negotiated for the request (``es``, the city's, when none)."""
    return str(get_locale() or "es")


__all__ = ["_", "_l", "current_language", "ngettext"]
