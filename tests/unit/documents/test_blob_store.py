"""The embedded blob store: content addressed by SHA-256, checked on every read, and
never left half-written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from eoffice.documents.blobs.filesystem import FileBlobStore
from eoffice.documents.errors import BlobCorrupted, BlobMissing, DocumentTooLarge


@pytest.fixture
def store(tmp_path: Path) -> FileBlobStore:
    return FileBlobStore(tmp_path / "blobs")


def test_content_is_stored_under_its_sha256_and_read_back(store: FileBlobStore) -> None:
    blob = store.put_stream([b"hello ", b"world"])

    assert blob.sha256 == hashlib.sha256(b"hello world").hexdigest()
    assert blob.size == 11
    assert store.read_bytes(blob.sha256) == b"hello world"


def test_storing_the_same_content_twice_keeps_one_copy(store: FileBlobStore) -> None:
    first = store.put_bytes(b"same")
    second = store.put_bytes(b"same")

    assert first == second
    assert len([p for p in store.root.rglob("*") if p.is_file()]) == 1


def test_content_altered_on_disk_is_detected_when_read(store: FileBlobStore) -> None:
    blob = store.put_bytes(b"original content")
    path = store.path_of(blob.sha256)
    path.chmod(0o644)
    path.write_bytes(b"tampered content")

    with pytest.raises(BlobCorrupted):
        store.read_bytes(blob.sha256)


def test_missing_or_malformed_addresses_are_reported_as_missing(store: FileBlobStore) -> None:
    with pytest.raises(BlobMissing):
        store.read_bytes("0" * 64)
    with pytest.raises(BlobMissing):
        store.read_bytes("../../etc/passwd")


def test_too_large_upload_is_refused_and_leaves_no_file(store: FileBlobStore) -> None:
    with pytest.raises(DocumentTooLarge):
        store.put_stream([b"x" * 1000, b"y" * 1000], max_bytes=1500)

    assert [p for p in store.root.rglob("*") if p.is_file()] == []
