"""Checking a delivery's documents before anything is kept: line-wrapped base64 (as mail
and SOAP tools write it) is read, the declared fingerprint is compared in either case,
and each limit is its own refusal."""

from __future__ import annotations

import base64
import hashlib

import pytest

from eoffice.registry.errors import DocumentHashMismatch, DocumentTooLarge, MalformedDocument
from eoffice.registry.services.receiving import decode_documents


def item(content: bytes, *, wrap: bool = False) -> dict[str, str]:
    text = (base64.encodebytes(content) if wrap else base64.b64encode(content)).decode()
    return {"name": "a.pdf", "media_type": "application/pdf", "content_base64": text,
            "sha256": hashlib.sha256(content).hexdigest().upper()}


def test_wrapped_base64_is_read_and_the_fingerprint_is_checked() -> None:
    content = b"%PDF-1.7 " + bytes(range(256)) * 4
    [decoded] = decode_documents([item(content, wrap=True)], max_document_bytes=10_000)
    assert decoded.content == content and decoded.sha256 == hashlib.sha256(content).hexdigest()
    with pytest.raises(DocumentHashMismatch):
        decode_documents([{**item(content), "sha256": "ab" * 32}], max_document_bytes=10_000)


def test_empty_or_broken_content_and_oversized_documents_are_refused() -> None:
    with pytest.raises(MalformedDocument):
        decode_documents([{**item(b"x"), "content_base64": ""}], max_document_bytes=100)
    with pytest.raises(MalformedDocument):
        decode_documents([{**item(b"x"), "content_base64": "abc"}], max_document_bytes=100)
    with pytest.raises(DocumentTooLarge):
        decode_documents([item(b"x" * 101)], max_document_bytes=100)
    with pytest.raises(DocumentTooLarge):  # refused before decoding
        decode_documents([{**item(b"x"), "content_base64": "QUFB" * 1000}],
                         max_document_bytes=100)
