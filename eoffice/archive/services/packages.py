"""The archival package of an archived file once it is in place: where it lives, reading
one payload file, re-hashing it (fixity), adding a payload file (a renewed timestamp),
removing the documents (destruction: the tag files, metadata and index stay as the
tombstone), and validating a bag or a zipped bag someone hands in.

A package is a BagIt bag (RFC 8493) with SHA-256 manifests; its ``PackageFile`` rows
repeat what the manifest says so that the database alone can tell what was kept."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath
from typing import IO

import bagit
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from eoffice import audit
from eoffice.archive.errors import PackageInvalid, UnknownRecord
from eoffice.archive.models import PackageFile, Record
from eoffice.archive.runtime import archive_runtime
from eoffice.archive.services.packages_build import (
    METS_XML,
    TAG_MANIFEST,
    PackageProblem,
    StagedFile,
    folder_size,
    mets_files,
    sha256_of,
)
from eoffice.archive.services.packages_mets import build_mets
from eoffice.archive.services.packages_zip import unpacked
from eoffice.shared.clock import utcnow

MANIFEST = "manifest-sha256.txt"


__all__ = [
    "PackageProblem",
    "add_payload_file",
    "check_package",
    "package_dir",
    "payload_file",
    "payload_path",
    "read_manifest",
    "read_payload",
    "remove_payload",
    "validate_bag",
    "validate_zip",
    "validate_zip_counting",
]


def package_dir(record: Record) -> Path:
    """The folder of ``record``'s bag."""
    return archive_runtime().root / record.package_path


def _rows(record: Record, session: Session | None = None) -> list[PackageFile]:
    session = session or object_session(record)
    if session is None:
        return []
    return list(session.scalars(select(PackageFile).where(PackageFile.record_id == record.id)
                                .order_by(PackageFile.id)))


def payload_path(folder: Path, path: str) -> Path:
    """``folder/path`` for a payload path (``data/...``), refusing anything outside."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or pure.parts[0] != "data":
        raise UnknownRecord()
    return folder.joinpath(*pure.parts)


def payload_file(session: Session, record: Record, path: str) -> tuple[PackageFile, Path]:
    """The row and the file on disk of the payload file ``path`` of ``record``
    (UnknownRecord when it is not one, was destroyed, or is gone)."""
    row = session.scalar(select(PackageFile).where(PackageFile.record_id == record.id,
                                                   PackageFile.path == path[:300]))
    if row is None or row.destroyed_at is not None:
        raise UnknownRecord()
    target = payload_path(package_dir(record), row.path)
    if not target.is_file():
        raise UnknownRecord()
    return row, target


def read_payload(record: Record, path: str) -> bytes:
    """The bytes of one payload file of ``record``'s package (UnknownRecord if it is not
    one, or was destroyed)."""
    target = payload_path(package_dir(record), path)
    if not target.is_file():
        raise UnknownRecord()
    return target.read_bytes()


def read_manifest(folder: Path, name: str = MANIFEST) -> dict[str, str]:
    """``{path: sha256}`` of a bag's manifest (empty when it cannot be read)."""
    try:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    entries: dict[str, str] = {}
    for line in lines:
        digest, _, path = line.strip().partition(" ")
        if digest and path:
            entries[path.strip().lstrip("*")] = digest.lower()
    return entries


def _hash(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None


def check_package(record: Record) -> list[PackageProblem]:
    """Re-hash every payload file of ``record`` against its manifest and its PackageFile
    rows (files destroyed on purpose are skipped); the problems found."""
    folder = package_dir(record)
    manifest = read_manifest(folder)
    if not manifest:
        return [PackageProblem(MANIFEST, "missing" if not (folder / MANIFEST).exists()
                               else "unreadable")]
    expected = dict(manifest)
    for row in _rows(record):
        if row.destroyed_at is None and row.path not in expected:
            expected[row.path] = row.sha256
    rows = {row.path: row.sha256 for row in _rows(record) if row.destroyed_at is None}
    problems: list[PackageProblem] = []
    for path, digest in sorted(expected.items()):
        target = folder / path
        if not target.exists():
            problems.append(PackageProblem(path, "missing", digest))
            continue
        found = _hash(target)
        if found is None:
            problems.append(PackageProblem(path, "unreadable", digest))
        elif found != digest or rows.get(path, found) != found:
            problems.append(PackageProblem(path, "mismatch", rows.get(path, digest), found))
    return problems


def _describe(record: Record) -> dict[str, str]:
    return {"file_number": record.file_number, "subject": record.subject,
            "unit": record.unit_code, "closed_at": record.closed_at.isoformat(),
            "procedure": record.procedure_code or "", "case": record.case_code or "",
            "record_id": record.id, "transferred_at": record.transferred_at.isoformat(),
            "transferred_by": record.transferred_by,
            "source_organization": bagit.Bag(str(package_dir(record))).info.get(
                "Source-Organization", "")}


def _rebag(session: Session, record: Record) -> None:
    """Rewrite METS (from the live rows), the manifests and the record's fingerprint."""
    folder = package_dir(record)
    rows = [row for row in _rows(record, session) if row.destroyed_at is None]
    described = [StagedFile(r.path, r.role, r.title, r.media_type, r.document_id, r.version,
                            r.sha256, r.size, r.added_at.isoformat())
                 for r in rows if r.role != "mets"]
    mets = build_mets(_describe(record), mets_files(described))
    (folder / METS_XML).write_bytes(mets)
    for row in rows:
        if row.role == "mets":
            row.sha256, row.size = hashlib.sha256(mets).hexdigest(), len(mets)
    bag = bagit.Bag(str(folder))
    bag.save(manifests=True)
    record.package_sha256 = sha256_of(folder / TAG_MANIFEST)
    record.package_bytes = folder_size(folder)
    session.flush()


def add_payload_file(session: Session, record: Record, *, path: str, data: bytes,  # noqa: PLR0913
                     role: str, title: str, media_type: str, document_id: str | None,
                     version: int | None, actor: str) -> PackageFile:
    """Add a payload file (a new version of a document, say) to ``record``'s package:
    written, listed in METS and the manifests; the record's fingerprint updated."""
    target = payload_path(package_dir(record), path)
    if target.exists():
        raise PackageInvalid(f"{path} is already in the package")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    row = PackageFile(record_id=record.id, path=path, role=role, document_id=document_id,
                      version=version, title=title[:500], media_type=media_type,
                      sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                      added_at=utcnow())
    session.add(row)
    session.flush()
    _rebag(session, record)
    audit.record_event(session, "archive.package_file_added", actor=actor,
                       object_type="archive_record", object_id=record.id,
                       unit_code=record.unit_code,
                       data={"path": path, "sha256": row.sha256,
                             "package_sha256": record.package_sha256})
    return row


def remove_payload(session: Session, record: Record, *, actor: str) -> int:
    """Delete the documents of ``record``'s package (destruction): the index, metadata,
    METS and tag files stay; the rows are marked destroyed and keep their checksums.
    How many files were deleted."""
    folder = package_dir(record)
    now, removed = utcnow(), 0
    for row in _rows(record, session):
        if row.role != "document" or row.destroyed_at is not None:
            continue
        target = payload_path(folder, row.path)
        if target.exists():
            target.unlink()
            removed += 1
        row.destroyed_at = now
    session.flush()
    _rebag(session, record)
    audit.record_event(session, "archive.package_payload_removed", actor=actor,
                       object_type="archive_record", object_id=record.id,
                       unit_code=record.unit_code,
                       data={"files": removed, "package_sha256": record.package_sha256})
    return removed


def _details(error: bagit.BagValidationError) -> list[PackageProblem]:
    problems: list[PackageProblem] = []
    for detail in error.details or []:
        if isinstance(detail, bagit.ChecksumMismatch):
            problems.append(PackageProblem(str(detail.path), "mismatch", detail.expected,
                                           detail.found))
        elif isinstance(detail, bagit.FileMissing):
            problems.append(PackageProblem(str(detail.path), "missing"))
        elif isinstance(detail, bagit.UnexpectedFile):
            problems.append(PackageProblem(str(detail.path), "unexpected"))
        else:
            problems.append(PackageProblem(str(getattr(detail, "path", "")), "unreadable"))
    return problems


def compare_manifest(folder: Path) -> list[PackageProblem]:
    """Every payload file of the bag in ``folder`` against its SHA-256 manifest: what is
    missing, changed, or there without being listed."""
    manifest = read_manifest(folder)
    problems: list[PackageProblem] = []
    for path, digest in sorted(manifest.items()):
        target = folder / path
        found = _hash(target) if target.is_file() else None
        if not target.exists():
            problems.append(PackageProblem(path, "missing", digest))
        elif found is None:
            problems.append(PackageProblem(path, "unreadable", digest))
        elif found != digest:
            problems.append(PackageProblem(path, "mismatch", digest, found))
    for target in sorted((folder / "data").rglob("*")):
        relative = target.relative_to(folder).as_posix()
        if target.is_file() and relative not in manifest:
            problems.append(PackageProblem(relative, "unexpected"))
    return problems


def validate_bag(folder: Path) -> list[PackageProblem]:
    """The problems of the bag in ``folder`` (empty: a complete, valid bag). A bag whose
    Payload-Oxum (file count and bytes) is wrong is compared file by file, so that the
    files to blame are named."""
    try:
        bagit.Bag(str(folder)).validate(processes=1)
    except bagit.BagValidationError as error:
        return _details(error) or compare_manifest(folder) or [
            PackageProblem("", "unreadable", found=str(error.message))]
    except bagit.BagError as error:
        return [PackageProblem("bagit.txt", "unreadable", found=str(error))]
    return []


def validate_zip_counting(stream: IO[bytes]) -> tuple[list[PackageProblem], int]:
    """Unpack a zipped bag safely (size limits, no paths outside it) and validate it:
    its problems and how many payload files its manifest lists."""
    with unpacked(stream) as (folder, problems):
        if problems or folder is None:
            return problems, 0
        return validate_bag(folder), len(read_manifest(folder))


def validate_zip(stream: IO[bytes]) -> list[PackageProblem]:
    """The problems of the zipped bag ``stream`` (empty: valid)."""
    return validate_zip_counting(stream)[0]
