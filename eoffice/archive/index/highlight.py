"""Highlights both adapters return: the item's text HTML-escaped, matches in ``<mark>``.

Adapters ask their engine to wrap matches in two control characters the indexed text
never holds (:func:`clean` removes them), escape the fragment, then turn the sentinels
into ``<mark>`` tags, so markup in a document's text is shown, never run.
"""

from __future__ import annotations

import html

MARK_START = "\x02"
MARK_END = "\x03"
_REMOVED = str.maketrans({MARK_START: " ", MARK_END: " ", "\x00": " "})


def clean(text: str) -> str:
    """``text`` without the sentinel characters (indexed text never holds them)."""
    return text.translate(_REMOVED)


def marked_html(fragment: str) -> str:
    """A fragment with sentinels as HTML: escaped text, matches in <mark></mark>."""
    return (html.escape(fragment, quote=True)
            .replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))
