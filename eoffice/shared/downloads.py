"""The ``Content-Disposition`` of every download, built one way (RFC 6266): the name is
reduced to its last path segment without control characters, quoted by Werkzeug, and a
name outside ASCII is sent twice, as an ASCII fallback and as ``filename*`` in UTF-8
(RFC 5987), as Werkzeug's ``send_file`` does. Routes never format the header by hand: a
name holding a quote, a semicolon or a line break cannot split it."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from werkzeug.http import dump_options_header

FALLBACK = "download"
LONGEST = 150


def safe_name(name: str) -> str:
    """``name`` without directories, control characters or surrounding dots and spaces,
    at most ``LONGEST`` characters (the extension kept); ``FALLBACK`` when nothing is
    left."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(ch for ch in last if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(kept) > LONGEST:
        stem, dot, extension = kept.rpartition(".")
        kept = (stem[:LONGEST - len(extension) - 1] + dot + extension
                if dot and len(extension) <= 10 else kept[:LONGEST])
    return kept or FALLBACK


def content_disposition(name: str, *, inline: bool = False) -> str:
    """The header value offering ``name`` to save (``attachment``) or to show
    (``inline``)."""
    clean = safe_name(name)
    try:
        clean.encode("ascii")
    except UnicodeEncodeError:
        simple = unicodedata.normalize("NFKD", clean).encode("ascii", "ignore").decode("ascii")
        options = {"filename": simple.strip(" .") or FALLBACK,
                   "filename*": "UTF-8''" + quote(clean, safe="!#$&+-.^_`|~")}
    else:
        options = {"filename": clean}
    return dump_options_header("inline" if inline else "attachment", options)
