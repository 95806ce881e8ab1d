"""The ``Content-Disposition`` of every download, built one way (RFC 6266): the name is
reduced to its last path segment of printable characters, quoted by Werkzeug, and a
name outside ASCII is sent twice, as an ASCII fallback and as ``filename*`` in UTF-8
(RFC 5987), as Werkzeug's ``send_file`` does. Routes never format the header by hand: a
name holding a quote, a semicolon or a line break cannot split it."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from werkzeug.http import dump_options_header

FALLBACK = "download"
LONGEST = 150


def plain_file_name(name: str) -> str:
    """``name`` without directories (its last path part, ``/`` or ``\\``), printable
    characters only, without surrounding dots and spaces: the one rule for a file name
    that came from outside, whether it is kept (an upload) or offered (a download)."""
    last = re.split(r"[\\/]", name)[-1]
    return "".join(char for char in last if char.isprintable()).strip(" .")


def safe_name(name: str) -> str:
    """``name`` as :func:`plain_file_name` leaves it, at most ``LONGEST`` characters (the
    extension kept); ``FALLBACK`` when nothing is left."""
    kept = plain_file_name(name)
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
