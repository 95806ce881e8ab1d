"""Archival packages after the transfer: a changed byte on disk is reported by
check_package, a file added (a renewed timestamp) keeps the bag valid and listed in
METS, removing the payload (destruction) leaves a valid bag with the index, metadata and
manifests and marks the documents destroyed, and zips are unpacked safely (a zip bomb is
refused before it is written)."""

from __future__ import annotations

import io
import zipfile

import bagit
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.archive.models import PackageFile, Record
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import packages
from eoffice.archive.services.packages_mets import checksums_in
from eoffice.archive.services.packages_zip import MAX_UNPACKED_BYTES
from tests.api.archive.closed import closed_file, transfer
from tests.api.files.sent import Headers


def _record(client: FlaskClient, token_for: Headers, db: Session) -> Record:
    number = closed_file(client, token_for)
    transfer(client, token_for("clerk"), number)
    record = db.scalar(select(Record).where(Record.file_number == number))
    assert record is not None
    return record


def test_check_package_reports_a_changed_byte_and_a_missing_file(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = _record(client, token_for, db)
    with app.app_context():
        assert packages.check_package(record) == []
        folder = packages.package_dir(record)
        document = next(r for r in db.scalars(select(PackageFile).where(
            PackageFile.record_id == record.id, PackageFile.role == "document")))
        target = folder / document.path
        content = bytearray(target.read_bytes())
        content[200] ^= 0xFF
        target.write_bytes(bytes(content))
        (folder / "data/index/file-index.pdf").unlink()
        problems = packages.check_package(record)
    assert sorted((p.path, p.problem) for p in problems) == sorted([
        ("data/index/file-index.pdf", "missing"), (document.path, "mismatch")])
    mismatch = next(p for p in problems if p.problem == "mismatch")
    assert mismatch.expected == document.sha256 and mismatch.found != document.sha256


def test_a_file_added_keeps_the_bag_valid_and_listed(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = _record(client, token_for, db)
    before = record.package_sha256
    with app.app_context():
        row = packages.add_payload_file(
            db, record, path="data/documents/0099-renewed.pdf", data=b"%PDF-1.7 renewed",
            role="document", title="Renewed", media_type="application/pdf",
            document_id=None, version=2, actor="archivist")
        folder = packages.package_dir(record)
        assert packages.check_package(record) == []
        assert packages.read_payload(record, row.path) == b"%PDF-1.7 renewed"
    assert bagit.Bag(str(folder)).validate(processes=1)
    assert checksums_in((folder / "data/metadata/mets.xml").read_bytes())[row.path] == row.sha256
    assert record.package_sha256 != before


def test_removing_the_payload_leaves_the_tombstone_of_the_bag(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = _record(client, token_for, db)
    with app.app_context():
        removed = packages.remove_payload(db, record, actor="system")
        folder = packages.package_dir(record)
        assert packages.check_package(record) == []
    rows = db.scalars(select(PackageFile).where(PackageFile.record_id == record.id)).all()
    documents = [r for r in rows if r.role == "document"]
    assert removed == len(documents) >= 2
    assert all(r.destroyed_at is not None for r in documents)
    assert not list((folder / "data/documents").glob("*"))
    assert (folder / "data/index/file-index.pdf").is_file()
    assert (folder / "data/metadata/file.json").is_file()
    assert bagit.Bag(str(folder)).validate(processes=1)
    assert not set(checksums_in((folder / "data/metadata/mets.xml").read_bytes())) & {
        r.path for r in documents}


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("bag/bagit.txt", "BagIt-Version: 1.0\n")
        out.writestr("bag/data/zeros.bin", bytes(16 * 1024 * 1024))
    problems = packages.validate_zip(io.BytesIO(bomb.getvalue()))
    assert [(p.path, p.problem) for p in problems] == [("", "too_large")]
    assert MAX_UNPACKED_BYTES >= 16 * 1024 * 1024  # refused for its ratio, not its size


def test_a_zip_that_is_not_a_bag_says_so() -> None:
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as out:
        out.writestr("notes/readme.txt", "hello")
    problems = packages.validate_zip(io.BytesIO(plain.getvalue()))
    assert [(p.path, p.problem) for p in problems] == [("bagit.txt", "missing")]


def test_a_bag_missing_a_file_names_it(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = _record(client, token_for, db)
    with app.app_context():
        folder = packages.package_dir(record)
    (folder / "data/metadata/file.json").unlink()
    (folder / "data/stray.txt").write_text("not listed")
    problems = packages.validate_bag(folder)
    assert sorted((p.path, p.problem) for p in problems) == [
        ("data/metadata/file.json", "missing"), ("data/stray.txt", "unexpected")]
