"""The embedded blob store: one file per blob under ``<root>/ab/cd/<sha256>``.

Writes go to a temporary file in the same folder tree, are flushed to disk and then
renamed into place, so a crash never leaves a half-written blob under its address. A
full disk (or quota) is :class:`StorageFull`, with the temporary file removed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from eoffice.documents.blobs.port import CHUNK_SIZE, StoredBlob
from eoffice.documents.errors import BlobCorrupted, BlobMissing, DocumentTooLarge, StorageFull

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
NO_ROOM = (errno.ENOSPC, errno.EDQUOT)


class FileBlobStore:
    """Content-addressed files on a local (or mounted) file system."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        if not SHA256_HEX.match(sha256):
            raise BlobMissing(f"not a SHA-256 address: {sha256[:80]!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put_stream(self, chunks: Iterable[bytes], *, max_bytes: int | None = None) -> StoredBlob:
        try:
            return self._put(chunks, max_bytes)
        except OSError as exc:
            if exc.errno in NO_ROOM:
                raise StorageFull(f"no room under the blob store: {exc.strerror}") from exc
            raise

    def _put(self, chunks: Iterable[bytes], max_bytes: int | None) -> StoredBlob:
        incoming = self.root / "incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        handle = tempfile.NamedTemporaryFile(dir=incoming, delete=False)  # noqa: SIM115
        try:
            with handle:
                for chunk in chunks:
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise DocumentTooLarge(f"larger than {max_bytes} bytes")
                    digest.update(chunk)
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            blob = StoredBlob(digest.hexdigest(), size)
            target = self.path_of(blob.sha256)
            if target.exists():
                return blob
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(handle.name, target)
            target.chmod(0o444)
            return blob
        finally:
            Path(handle.name).unlink(missing_ok=True)

    def put_bytes(self, data: bytes) -> StoredBlob:
        return self.put_stream([data])

    def open_stream(self, sha256: str) -> Iterator[bytes]:
        path = self.path_of(sha256)
        if not path.is_file():
            raise BlobMissing(f"blob {sha256} is not in the store")
        return self._checked_chunks(path, sha256)

    @staticmethod
    def _checked_chunks(path: Path, sha256: str) -> Iterator[bytes]:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK_SIZE):
                digest.update(chunk)
                yield chunk
        if digest.hexdigest() != sha256:
            raise BlobCorrupted(f"blob {sha256} does not match its content")

    def read_bytes(self, sha256: str) -> bytes:
        return b"".join(self.open_stream(sha256))

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def delete(self, sha256: str) -> bool:
        path = self.path_of(sha256)
        if not path.is_file():
            return False
        path.unlink()
        return True
