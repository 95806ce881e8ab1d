"""Translation helpers usable outside a request (lazy strings resolve when shown)."""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext, ngettext

_ = gettext
_l = lazy_gettext

__all__ = ["_", "_l", "ngettext"]
