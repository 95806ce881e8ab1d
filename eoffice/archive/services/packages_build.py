"""Building an archival package (a BagIt bag) in a staging folder, and moving it into
place in one rename.

The bag is written under ``<packages>/.staging/`` (the same file system as its final
folder), every payload file streamed and hashed as it is written and checked against
the SHA-256 the file recorded, then described (``file.json``, ``mets.xml``), bagged with
SHA-256 manifests and validated. Only a valid bag is renamed to its final folder, one of
its own per attempt (``<packages>/<year>/<unit>-<year>-<seq>-<record id prefix>``): a
transfer never renames onto, nor removes, another attempt's bag. The leftovers of
attempts that did not record the file are found here; the caller decides, from the
database, which of them no record owns. No database is touched here."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bagit

from eoffice.archive.errors import AlreadyTransferred, PackageInvalid
from eoffice.archive.services.packages_mets import MetsFile, build_mets

STAGING = ".staging"
FILE_JSON = "data/metadata/file.json"
METS_XML = "data/metadata/mets.xml"
TAG_MANIFEST = "tagmanifest-sha256.txt"


@dataclass(frozen=True)
class PackageProblem:
    """Something wrong in a package: ``problem`` is mismatch, missing, unreadable,
    unexpected (a payload file no manifest lists), unsafe_path or too_large (zips)."""

    path: str
    problem: str
    expected: str | None = None
    found: str | None = None


@dataclass(frozen=True)
class PayloadSource:
    """A payload file to write: where in the bag, what it is, and its bytes."""

    path: str  # data/documents/0001-receipt.pdf
    role: str  # document or index
    title: str
    media_type: str
    document_id: str | None
    version: int | None
    expected_sha256: str | None
    chunks: Iterable[bytes]
    created: str  # ISO date-time the version was added to the file


@dataclass(frozen=True)
class StagedFile:
    """A payload file written to a bag, as a PackageFile row will record it."""

    path: str
    role: str
    title: str
    media_type: str
    document_id: str | None
    version: int | None
    sha256: str
    size: int
    created: str


@dataclass(frozen=True)
class StagedBag:
    folder: Path
    files: tuple[StagedFile, ...]
    tagmanifest_sha256: str
    size: int


def _write(folder: Path, relative: str, chunks: Iterable[bytes]) -> tuple[str, int]:
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with target.open("wb") as out:
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _payload(folder: Path, source: PayloadSource) -> StagedFile:
    sha256, size = _write(folder, source.path.removeprefix("data/"), source.chunks)
    if source.expected_sha256 and sha256 != source.expected_sha256:
        raise PackageInvalid(f"{source.path}: content does not match its SHA-256")
    return StagedFile(source.path, source.role, source.title, source.media_type,
                      source.document_id, source.version, sha256, size, source.created)


def _bytes_file(folder: Path, path: str, role: str, title: str, media_type: str,
                content: bytes, created: str) -> StagedFile:
    sha256, size = _write(folder, path.removeprefix("data/"), [content])
    return StagedFile(path, role, title, media_type, None, None, sha256, size, created)


def mets_files(files: Iterable[StagedFile]) -> list[MetsFile]:
    return [MetsFile(f.path, f.role, f.title, f.media_type, f.size, f.sha256, f.created)
            for f in files]


def file_json(metadata: Mapping[str, Any], files: Iterable[StagedFile],
              eni: Mapping[tuple[str, int], Mapping[str, Any]]) -> bytes:
    """``file.json``: the file's metadata and its documents with ENI metadata."""
    listed = [{"path": f.path, "role": f.role, "title": f.title, "document_id": f.document_id,
               "version": f.version, "media_type": f.media_type, "size": f.size,
               "sha256": f.sha256, "added_at": f.created,
               "eni": dict(eni.get((f.document_id or "", f.version or 0), {}))}
              for f in files]
    return json.dumps({**metadata, "documents": listed}, ensure_ascii=False, indent=2,
                      sort_keys=True).encode()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def stage_bag(packages: Path, *, sources: Iterable[PayloadSource],
              metadata: Mapping[str, Any], eni: Mapping[tuple[str, int], Mapping[str, Any]],
              description: Mapping[str, Any], bag_info: Mapping[str, str]) -> StagedBag:
    """Write, describe, bag and validate a package in a fresh staging folder; the
    folder is removed again when anything fails."""
    folder = packages / STAGING / uuid.uuid4().hex
    folder.mkdir(parents=True)
    try:
        written = [_payload(folder, source) for source in sources]
        created = str(description["transferred_at"])
        metadata_file = _bytes_file(folder, FILE_JSON, "metadata", "file.json",
                                    "application/json", file_json(metadata, written, eni),
                                    created)
        described = [*written, metadata_file]
        mets = _bytes_file(folder, METS_XML, "mets", "mets.xml", "application/xml",
                           build_mets(description, mets_files(described)), created)
        bag = bagit.make_bag(str(folder), bag_info=dict(bag_info), checksums=["sha256"])
        bag.validate()
    except bagit.BagError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise PackageInvalid(str(error)) from error
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return StagedBag(folder, (*described, mets), sha256_of(folder / TAG_MANIFEST),
                     folder_size(folder))


def install_bag(staged: StagedBag, final: Path) -> None:
    """Rename the staged bag to ``final``, this attempt's own folder. Nothing there is
    ever removed: a folder already in place (which only an identical record id could
    name) makes the rename fail, and the staged bag stays for the caller to discard."""
    final.parent.mkdir(parents=True, exist_ok=True)
    try:
        final.mkdir()  # claims the name; fails if anything holds it
    except FileExistsError as error:
        raise AlreadyTransferred() from error
    try:
        os.replace(staged.folder, final)  # onto the empty folder just claimed
    except OSError:
        final.rmdir()
        raise


def attempt_folders(parent: Path, base: str) -> list[Path]:
    """The bag folders of one file in ``parent``: ``base`` (the layout before each
    attempt had its own folder) and ``base-<record id prefix>``."""
    own = re.compile(re.escape(base) + r"(-[0-9a-f]{8})?")
    if not parent.is_dir():
        return []
    return sorted(p for p in parent.iterdir() if p.is_dir() and own.fullmatch(p.name))


def bag_owner(folder: Path) -> str | None:
    """The record id a bag names (``Internal-Sender-Identifier``), if readable."""
    try:
        info = (folder / "bag-info.txt").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in info.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == "Internal-Sender-Identifier":
            return value.strip()
    return None


def discard(folder: Path, *, owner: str | None = None) -> None:
    """Remove ``folder`` (only if its bag names ``owner``, when given)."""
    if owner is not None and bag_owner(folder) != owner:
        return
    shutil.rmtree(folder, ignore_errors=True)
