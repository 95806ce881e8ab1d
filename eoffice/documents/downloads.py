"""A document version sent as a download: its media type, length, ETag (the SHA-256) and
an RFC 6266 name (``shared.downloads``), the bytes streamed as they are checked. Every
route that sends a stored document's bytes answers through :func:`content_response`."""

from __future__ import annotations

from typing import Any

from flask import Response, stream_with_context

from eoffice.documents.services.read import VersionView
from eoffice.shared.downloads import content_disposition

PDF = "application/pdf"


def content_response(version: VersionView, chunks: Any, *, name: str,
                     inline: bool = False) -> Response:
    """``chunks`` (the version's bytes) as a response offering ``name`` (``.pdf`` added to a
    PDF's name that lacks it); ``inline`` to show rather than save."""
    if version.media_type == PDF and not name.lower().endswith(".pdf"):
        name += ".pdf"
    response = Response(stream_with_context(chunks), mimetype=version.media_type)
    response.headers["Content-Length"] = str(version.size)
    response.headers["Content-Disposition"] = content_disposition(name, inline=inline)
    response.headers["ETag"] = f'"{version.sha256}"'
    return response
