"""The manifest of a backup: what it holds and the SHA-256 of every file in it.

A restore reads nothing from a backup before :func:`verify_backup` has recomputed every
hash: a changed, missing or added file refuses the whole backup. Blobs are also checked
against their own address (a blob's file name is the SHA-256 of its content), so a blob
edited together with the manifest is still caught.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eoffice.ops.errors import BackupRefused

MANIFEST = "manifest.json"
FORMAT = "eoffice-backup/1"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Manifest:
    """What ``manifest.json`` says about a backup."""

    created_at: str
    eoffice_version: str
    alembic_revision: str
    database_kind: str
    database_file: str
    files: dict[str, str]  # relative POSIX path → sha256

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "created_at": self.created_at,
            "eoffice_version": self.eoffice_version,
            "alembic_revision": self.alembic_revision,
            "database": {"kind": self.database_kind, "file": self.database_file},
            "files": {path: {"sha256": digest} for path, digest in sorted(self.files.items())},
        }


def sha256_of(path: Path) -> str:
    """The SHA-256 (hex) of a file's content, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(root: Path) -> list[Path]:
    """Every regular file under ``root`` except the manifest, sorted."""
    return sorted(path for path in root.rglob("*")
                  if path.is_file() and path.relative_to(root).as_posix() != MANIFEST)


def hash_tree(root: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file of a backup folder."""
    return {path.relative_to(root).as_posix(): sha256_of(path) for path in files_under(root)}


def write_manifest(folder: Path, manifest: Manifest) -> None:
    (folder / MANIFEST).write_text(json.dumps(manifest.as_json(), indent=2) + "\n",
                                   encoding="utf-8")


def read_manifest(folder: Path) -> Manifest:
    """The manifest of a backup folder; BackupRefused when absent or not ours."""
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupRefused(f"{folder} is not an eoffice backup: no {MANIFEST}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise BackupRefused(f"unknown backup format {data.get('format')!r} in {path}")
        return Manifest(
            created_at=str(data["created_at"]), eoffice_version=str(data["eoffice_version"]),
            alembic_revision=str(data["alembic_revision"]),
            database_kind=str(data["database"]["kind"]),
            database_file=str(data["database"]["file"]),
            files={str(name): str(entry["sha256"]) for name, entry in data["files"].items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupRefused(f"the manifest {path} is unreadable: {exc}") from exc


def _blob_address_problem(relative: str, actual: str) -> str | None:
    """A blob whose content is not what its address says (``blobs/ab/cd/<sha256>``)."""
    parts = relative.split("/")
    if parts[0] == "blobs" and len(parts) == 4 and parts[3] != actual:
        return f"{relative}: the blob's content does not match its address"
    return None


def verify_backup(folder: Path) -> Manifest:
    """The manifest, once every file's hash matches it; BackupRefused naming the first
    problems otherwise (nothing of the backup has been used yet)."""
    manifest = read_manifest(folder)
    actual = hash_tree(folder)
    problems = [f"{name}: missing" for name in sorted(manifest.files.keys() - actual.keys())]
    problems += [f"{name}: not in the manifest" for name in
                 sorted(actual.keys() - manifest.files.keys())]
    for name in sorted(manifest.files.keys() & actual.keys()):
        if manifest.files[name] != actual[name]:
            problems.append(f"{name}: its SHA-256 does not match the manifest")
        elif problem := _blob_address_problem(name, actual[name]):
            problems.append(problem)
    if manifest.database_file not in manifest.files:
        problems.append(f"{manifest.database_file}: the database dump is not in the manifest")
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise BackupRefused(f"the backup {folder} was altered or is incomplete: "
                            f"{'; '.join(problems[:3])}{more}")
    return manifest
