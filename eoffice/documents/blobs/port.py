"""The port every blob store implements: content addressed by SHA-256, streamed in and out.

A store never changes content once written; writing the same bytes twice is a no-op.
An S3-compatible store implements the same protocol (and the contract tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True)
class StoredBlob:
    """What a store knows of one blob: its SHA-256 (hex) and its size in bytes."""

    sha256: str
    size: int


class BlobStore(Protocol):
    """Content-addressed storage of bytes."""

    def put_stream(self, chunks: Iterable[bytes], *, max_bytes: int | None = None) -> StoredBlob:
        """Store the bytes of ``chunks`` (atomically) and return their address."""

    def put_bytes(self, data: bytes) -> StoredBlob:
        """Store ``data`` and return its address."""

    def open_stream(self, sha256: str) -> Iterator[bytes]:
        """The content in chunks; the hash is checked as it is read (BlobCorrupted at the
        end when it does not match, BlobMissing when absent)."""

    def read_bytes(self, sha256: str) -> bytes:
        """The whole content, checked against its hash."""

    def exists(self, sha256: str) -> bool:
        """Whether the store holds this blob."""

    def delete(self, sha256: str) -> bool:
        """Remove the blob (destruction under the retention schedule); False when it was
        not there. The caller makes sure no live version still points at it."""


def iter_file(handle: BinaryIO) -> Iterator[bytes]:
    """The chunks of an open binary file (an upload, say)."""
    while chunk := handle.read(CHUNK_SIZE):
        yield chunk
