"""Backups of one eoffice and their restore.

A backup is one folder (or a ``.tar`` of it) holding the database dump, a copy of the
blob store (``blobs/``), the archival packages (``archive/packages/``) and
``manifest.json`` (created_at, eoffice version, Alembic revision, database kind and the
SHA-256 of every file). It is written under ``<dest>.partial`` and renamed when
complete, so an interrupted backup never looks like one.

A restore goes only into a fresh, empty database and empty folders. It checks every
hash first (a tampered backup restores nothing), loads the dump, copies the files,
migrates the schema to this code's head (an older backup into newer code) and checks
the audit log's hash chain.
"""

from __future__ import annotations

import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from eoffice import __version__, audit, identity
from eoffice.migrate import upgrade
from eoffice.ops.databases import (
    DUMP_FILES,
    database_kind,
    dump_database,
    ensure_empty_database,
    restore_database,
)
from eoffice.ops.errors import BackupRefused
from eoffice.ops.manifest import Manifest, hash_tree, sha256_of, verify_backup, write_manifest
from eoffice.shared.db import Database

BLOBS = "blobs"
PACKAGES = "archive/packages"
SKIPPED_IN_BLOB_STORE = frozenset({"incoming"})  # the store's half-written uploads
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz")


@dataclass(frozen=True)
class BackupReport:
    """What a backup holds, and what it had to leave out."""

    path: Path
    manifest: Manifest
    warnings: list[str] = field(default_factory=list)

    @property
    def blobs(self) -> int:
        return sum(1 for name in self.manifest.files if name.startswith(f"{BLOBS}/"))


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did, and whether the restored audit log's chain is intact."""

    manifest: Manifest
    blobs: int
    audit_events: int
    audit_problems: list[str]

    @property
    def intact(self) -> bool:
        return not self.audit_problems


def _is_tar(path: Path) -> bool:
    return path.name.endswith(TAR_SUFFIXES)


def _refuse_existing(dest: Path) -> None:
    if dest.is_file() or (dest.is_dir() and any(dest.iterdir())):
        raise BackupRefused(f"{dest} already exists: give a new path for the backup")


def _copy_blobs(root: Path, target: Path) -> list[str]:
    """Copy the blob store; blobs whose content no longer matches their address are left
    out (a restore would refuse them) and named in the warnings."""
    warnings: list[str] = []
    if not root.is_dir():
        return warnings
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or relative.parts[0] in SKIPPED_IN_BLOB_STORE:
            continue
        if sha256_of(path) != path.name:
            warnings.append(f"blob {relative.as_posix()} does not match its address: "
                            "left out (the live store holds a damaged copy)")
            continue
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / relative)
    return warnings


def _copy_folder(source: Path, target: Path, *, read_only: bool = False) -> int:
    """Copy every file of ``source`` into ``target``; how many."""
    copied = 0
    if not source.is_dir():
        return copied
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            if read_only:
                destination.chmod(0o444)
            copied += 1
    return copied


def _write_backup(folder: Path, *, database_url: str, blob_root: Path,
                  archive_root: Path | None) -> tuple[Manifest, list[str]]:
    kind = database_kind(database_url)
    dump = folder / DUMP_FILES[kind]
    revision = dump_database(database_url, dump)  # first: later blobs are only extra
    warnings = _copy_blobs(blob_root, folder / BLOBS)
    if archive_root is not None:
        _copy_folder(archive_root / "packages", folder / PACKAGES)
    manifest = Manifest(
        # nosemgrep: eoffice-wall-clock-outside-clock - when the operator's copy was made
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        eoffice_version=__version__, alembic_revision=revision, database_kind=kind,
        database_file=dump.name, files=hash_tree(folder),
    )
    write_manifest(folder, manifest)
    return manifest, warnings


def create_backup(dest: Path, *, database_url: str, blob_root: Path,
                  archive_root: Path | None = None) -> BackupReport:
    """Back up the database, the blob store and the archival packages into ``dest`` (a
    new folder, or a ``.tar`` / ``.tar.gz`` file)."""
    _refuse_existing(dest)
    partial = dest.with_name(f"{dest.name}.partial")
    if partial.exists():
        raise BackupRefused(f"{partial} is left from an interrupted backup: remove it first")
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".eoffice-backup-") as work:
            folder = Path(work) / dest.name.split(".")[0]
            folder.mkdir()
            manifest, warnings = _write_backup(folder, database_url=database_url,
                                               blob_root=blob_root, archive_root=archive_root)
            if _is_tar(dest):
                compressed = not dest.name.endswith(".tar")
                with tarfile.open(partial, "w:gz" if compressed else "w") as archive:
                    archive.add(folder, arcname=folder.name)
            else:
                folder.rename(partial)
            partial.rename(dest)
    except OSError as exc:
        if partial.is_dir():
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.unlink(missing_ok=True)
        raise BackupRefused(f"the backup could not be written to {dest}: {exc}") from exc
    return BackupReport(path=dest, manifest=manifest, warnings=warnings)


@contextmanager
def opened_backup(source: Path) -> Iterator[Path]:
    """The folder of a backup: ``source`` itself, or a ``.tar`` extracted (data only: no
    links, devices or paths outside) into a temporary folder."""
    if source.is_dir():
        yield source
        return
    if not source.is_file() or not tarfile.is_tarfile(source):
        raise BackupRefused(f"{source} is neither a backup folder nor a .tar of one")
    with tempfile.TemporaryDirectory(prefix="eoffice-restore-") as work:
        try:
            with tarfile.open(source) as archive:
                archive.extractall(work, filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise BackupRefused(f"{source} cannot be extracted: {exc}") from exc
        entries = list(Path(work).iterdir())
        yield entries[0] if len(entries) == 1 and entries[0].is_dir() else Path(work)


def _ensure_empty_folder(folder: Path, what: str) -> None:
    if folder.is_file() or (folder.is_dir() and any(folder.iterdir())):
        raise BackupRefused(f"the {what} {folder} is not empty: restore only into an empty "
                            "folder")


def _check_targets(manifest: Manifest, *, database_url: str, blob_dir: Path,
                   archive_dir: Path | None, has_packages: bool) -> None:
    kind = database_kind(database_url)
    if manifest.database_kind != kind:
        raise BackupRefused(f"the backup holds a {manifest.database_kind} database; it "
                            f"restores into {manifest.database_kind} only, not {kind}")
    if has_packages and archive_dir is None:
        raise BackupRefused("the backup holds archival packages: give --archive-dir (an "
                            "empty folder, EOFFICE_ARCHIVE_ROOT of the restored instance)")
    _ensure_empty_folder(blob_dir, "blob folder")
    if archive_dir is not None:
        _ensure_empty_folder(archive_dir, "archive folder")
    ensure_empty_database(database_url)


def _migrate_and_verify(database_url: str) -> tuple[int, list[str]]:
    """Migrate the restored database to head, seed new standard roles (as `eoffice db
    upgrade` does) and check the audit chain: (events checked, problems)."""
    upgrade(database_url)
    database = Database(database_url)
    try:
        with database.unit_of_work() as session:
            identity.seed_standard_roles(session)
        with database.reader() as session:
            report = audit.verify_chain(session)
    finally:
        database.dispose()
    return report.checked, list(report.problems)


def restore_backup(source: Path, *, database_url: str, blob_dir: Path,
                   archive_dir: Path | None = None) -> RestoreReport:
    """Restore the backup at ``source`` into a fresh database and empty folders."""
    with opened_backup(source) as folder:
        manifest = verify_backup(folder)
        has_packages = any(name.startswith(f"{PACKAGES}/") for name in manifest.files)
        _check_targets(manifest, database_url=database_url, blob_dir=blob_dir,
                       archive_dir=archive_dir, has_packages=has_packages)
        restore_database(database_url, folder / manifest.database_file)
        try:
            blobs = _copy_folder(folder / BLOBS, blob_dir, read_only=True)
            if archive_dir is not None:
                _copy_folder(folder / PACKAGES, archive_dir / "packages")
        except OSError as exc:
            raise BackupRefused(f"the database was restored but the files could not be "
                                f"copied ({exc}): empty the targets and restore again") from exc
    checked, problems = _migrate_and_verify(database_url)
    return RestoreReport(manifest=manifest, blobs=blobs, audit_events=checked,
                         audit_problems=problems)
