"""Must-show 4 of issue 9: a fixity check re-hashes the archive. A byte flipped in a
package file is reported as a mismatch of that path; a byte flipped in a document's blob
in the store is reported from the blob store; an intact archive checks out; the
archivist sees the problems on the page and in the API."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.archive.models import FixityRun, PackageFile, Record
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import fixity
from eoffice.shared.clock import utcnow
from tests.api.archive.closed import closed_file, transfer
from tests.api.files.sent import Headers
from tests.conftest import sign_in


def archived(client: FlaskClient, token_for: Headers, db: Session) -> Record:
    """A closed file of URB transferred to this test's archive."""
    number = closed_file(client, token_for)
    transfer(client, token_for("clerk"), number)
    record = db.scalar(select(Record).where(Record.file_number == number))
    assert record is not None
    return record


def first_document(db: Session, record: Record) -> PackageFile:
    row = db.scalars(select(PackageFile).where(
        PackageFile.record_id == record.id, PackageFile.role == "document")
        .order_by(PackageFile.path)).first()
    assert row is not None and row.document_id is not None
    return row


@contextmanager
def flipped(path: Path, at: int = 200) -> Iterator[None]:
    """One byte of ``path`` inverted inside the block, put back afterwards."""
    mode = path.stat().st_mode
    os.chmod(path, 0o644)
    original = path.read_bytes()
    damaged = bytearray(original)
    damaged[at] ^= 0xFF
    path.write_bytes(bytes(damaged))
    try:
        yield
    finally:
        path.write_bytes(original)
        os.chmod(path, mode)


def check(app: Flask, db: Session) -> tuple[fixity.RunView, list[fixity.ProblemView]]:
    with app.app_context():
        run_id = fixity.run_fixity(actor="archivist")
    return fixity.get_run(db, run_id)


def test_a_flipped_byte_in_a_package_file_is_a_mismatch_of_that_path(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = archived(client, token_for, db)
    row = first_document(db, record)

    with flipped(fresh_archive.root / record.package_path / row.path):
        run, problems = check(app, db)

    assert run.status == "problems" and run.records_checked == 1
    assert [(p.where, p.path, p.problem) for p in problems] == [
        ("package", row.path, "mismatch")]
    assert problems[0].expected_sha256 == row.sha256
    assert problems[0].found_sha256 not in (None, row.sha256)
    assert problems[0].file_number == record.file_number
    db.refresh(record)
    assert record.last_fixity_ok is False and record.last_fixity_at is not None
    events = audit.events_about(db, "archive_record", [record.id], ["archive.fixity_problem"])
    assert events and events[0].data["path"] == row.path


def test_a_flipped_byte_in_a_stored_blob_is_reported_from_the_blob_store(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = archived(client, token_for, db)
    row = first_document(db, record)
    with app.app_context():
        store = documents.blob_store()
    blob = store.path_of(row.sha256)  # type: ignore[attr-defined]

    with flipped(blob):
        run, problems = check(app, db)

    assert run.status == "problems"
    assert [(p.where, p.path, p.problem, p.expected_sha256) for p in problems] == [
        ("blob_store", row.path, "mismatch", row.sha256)]


def test_an_intact_archive_checks_out(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = archived(client, token_for, db)

    run, problems = check(app, db)

    assert run.status == "ok" and problems == [] and run.problems == 0
    assert run.records_checked >= 1 and run.files_checked > run.records_checked
    db.refresh(record)
    assert record.last_fixity_ok is True


def test_a_crashed_run_is_superseded_by_the_next(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    archived(client, token_for, db)
    db.add(FixityRun(started_at=utcnow(), started_by="system", status="running",
                            records_checked=0, files_checked=0, problems=0))
    db.flush()

    run, _problems = check(app, db)

    statuses = [item.status for item in fixity.list_runs(db)]
    assert statuses[0] == run.status == "ok"
    assert "interrupted" in statuses and "running" not in statuses


def test_the_archivist_sees_the_problems_on_the_page_and_in_the_api(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = archived(client, token_for, db)
    row = first_document(db, record)
    with flipped(fresh_archive.root / record.package_path / row.path):
        run, _problems = check(app, db)

    api = client.get(f"/api/v1/archive/fixity-runs/{run.id}", headers=token_for("archivist"))
    listed = client.get("/api/v1/archive/fixity-runs", headers=token_for("archivist"))
    sign_in(client, "archivist")
    runs_page = client.get("/backoffice/archive/fixity").get_data(as_text=True)
    page = client.get(f"/backoffice/archive/fixity/{run.id}").get_data(as_text=True)
    record_page = client.get(
        f"/backoffice/archive/records/{record.file_number}").get_data(as_text=True)

    assert api.status_code == 200
    body = api.get_json()
    assert body["status"] == "problems"
    assert [(p["file_number"], p["where"], p["path"], p["problem"])
            for p in body["problem_list"]] == [
        (record.file_number, "package", row.path, "mismatch")]
    assert listed.get_json()["items"][0]["id"] == run.id
    assert f'data-testid="run-{run.id}"' in runs_page and "Problems found" in runs_page
    assert row.path in page and record.file_number in page
    assert 'data-where="package"' in page and "Checksum does not match" in page
    assert 'data-testid="record-fixity-result" data-ok="no"' in record_page
    assert "problems found" in record_page and row.path in record_page
    assert f'href="/backoffice/archive/records/{record.file_number}"' in page
