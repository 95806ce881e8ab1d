"""Transfer of closed files: the package is a valid bag whose METS lists every payload
file with its checksum, the receipt is a sealed PDF that validates, an open file or a
second transfer is refused (409) and leaves no package, and a transfer whose receipt
cannot be sealed leaves nothing at all."""

from __future__ import annotations

import json
from pathlib import Path

import bagit
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.archive.models import PackageFile, Record
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services.packages_mets import checksums_in
from eoffice.shared.outbox import OutboxMessage
from tests.api.archive.closed import closed_file, open_file, transfer
from tests.api.files.sent import Headers
from tests.conftest import run_worker
from tests.pdfs import pdf_text

TRANSFERS = "/api/v1/archive/transfers"


def _packages(runtime: ArchiveRuntime) -> list[Path]:
    return [p for p in runtime.packages.glob("*/*") if p.is_dir() and p.parent.name != ".staging"]


def test_a_closed_file_becomes_a_valid_bag_with_mets_and_a_sealed_receipt(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    number = closed_file(client, token_for)
    sent = transfer(client, token_for("clerk"), number)
    assert sent["file_number"] == number

    record = db.scalar(select(Record).where(Record.file_number == number))
    assert record is not None and record.status == "archived"
    folder = fresh_archive.root / record.package_path
    assert record.package_path == "packages/{1}/{0}-{1}-{2}-{3}".format(
        *number.split("/"), record.id[:8])
    bag = bagit.Bag(str(folder))
    assert bag.validate(processes=1)
    assert bag.info["External-Identifier"] == number
    assert bag.info["Internal-Sender-Identifier"] == record.id
    assert set(bag.algorithms) == {"sha256"}
    assert not (fresh_archive.packages / ".staging").exists() or not any(
        (fresh_archive.packages / ".staging").iterdir())

    rows = db.scalars(select(PackageFile).where(PackageFile.record_id == record.id)).all()
    payload = {p: d["sha256"] for p, d in bag.entries.items() if p.startswith("data/")}
    assert {row.path: row.sha256 for row in rows} == payload
    assert "data/index/file-index.pdf" in payload
    documents_in_bag = [row for row in rows if row.role == "document"]
    assert len(documents_in_bag) >= 2 and all(
        row.path.startswith("data/documents/0") for row in documents_in_bag)

    mets = (folder / "data/metadata/mets.xml").read_bytes()
    listed = checksums_in(mets)
    assert listed == {p: s for p, s in payload.items() if p != "data/metadata/mets.xml"}
    metadata = json.loads((folder / "data/metadata/file.json").read_text())
    assert metadata["file_number"] == number and metadata["parties"][0]["id_number"]
    assert all(d["eni"]["verification_code"] for d in metadata["documents"]
               if d["role"] != "metadata")

    receipt = client.get(f"/api/v1/documents/{sent['receipt_document_id']}/content",
                         headers=token_for("clerk"))
    assert receipt.status_code == 200
    pdf = receipt.data
    receipt.close()
    with app.app_context():
        report = documents.validate_pdf(pdf)
    assert report.signatures[0].valid and report.signatures[0].intact
    text = "".join(pdf_text(pdf).split())
    assert number in text and record.package_sha256 in text
    assert record.receipt_document_id == sent["receipt_document_id"]

    indexed = db.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.topic == "archive.index_record"))
    assert indexed


def test_an_open_file_is_refused_and_leaves_no_package(
        client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    number = open_file(client, token_for)
    refused = client.post(TRANSFERS, headers=token_for("clerk"), json={"file_number": number})
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "archive.file_not_closed"
    assert _packages(fresh_archive) == []
    assert db.scalar(select(func.count()).select_from(Record)) == 0


def test_a_second_transfer_is_refused_and_keeps_the_first_package(
        client: FlaskClient, token_for: Headers, fresh_archive: ArchiveRuntime) -> None:
    number = closed_file(client, token_for)
    first = transfer(client, token_for("archivist"), number)
    again = client.post(TRANSFERS, headers=token_for("clerk"), json={"file_number": number})
    assert again.status_code == 409
    assert again.get_json()["code"] == "archive.already_transferred"
    [folder] = _packages(fresh_archive)
    assert bagit.Bag(str(folder)).validate(processes=1)
    listed = client.get(f"/api/v1/archive/records/{number}", headers=token_for("archivist"))
    assert listed.get_json()["package_sha256"] == first["package_sha256"]


def test_who_may_transfer(client: FlaskClient, token_for: Headers,
                          fresh_archive: ArchiveRuntime) -> None:
    number = closed_file(client, token_for)
    other_unit = client.post(TRANSFERS, headers=token_for("clerk3"),
                             json={"file_number": number})
    assert other_unit.status_code == 404
    citizen = client.post(TRANSFERS, headers=token_for("ana"), json={"file_number": number})
    assert citizen.status_code == 403
    unknown = client.post(TRANSFERS, headers=token_for("archivist"),
                          json={"file_number": "URB/2026/999999"})
    assert unknown.status_code == 404
    bad = client.post(TRANSFERS, headers=token_for("archivist"), json={"file_number": "x"})
    assert bad.status_code == 422
    assert _packages(fresh_archive) == []


def test_when_the_receipt_cannot_be_sealed_nothing_is_left(
        client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime, monkeypatch: pytest.MonkeyPatch) -> None:
    number = closed_file(client, token_for)

    def unavailable(**_: object) -> None:
        raise documents.TimestampUnavailable("the TSA does not answer")

    monkeypatch.setattr(documents, "prepare_document", unavailable)
    refused = client.post(TRANSFERS, headers=token_for("clerk"), json={"file_number": number})
    assert refused.status_code == 503
    assert _packages(fresh_archive) == []
    assert not any((fresh_archive.packages / ".staging").iterdir())
    assert db.scalar(select(func.count()).select_from(Record)) == 0
    monkeypatch.undo()
    assert transfer(client, token_for("clerk"), number)["file_number"] == number


def test_when_recording_fails_the_package_folder_is_removed(
        client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime, monkeypatch: pytest.MonkeyPatch) -> None:
    number = closed_file(client, token_for)

    def broken(*_: object, **__: object) -> None:
        raise documents.TimestampUnavailable("sealing failed while recording")

    monkeypatch.setattr(documents, "record_document", broken)
    refused = client.post(TRANSFERS, headers=token_for("clerk"), json={"file_number": number})
    assert refused.status_code == 503
    assert _packages(fresh_archive) == []
    assert db.scalar(select(func.count()).select_from(Record)) == 0


def test_closing_a_file_transfers_it_through_the_worker(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    number = closed_file(client, token_for)
    run_worker(app)
    run_worker(app)  # a second delivery changes nothing
    record = db.scalar(select(Record).where(Record.file_number == number))
    assert record is not None and record.transferred_by == "system"
    assert bagit.Bag(str(fresh_archive.root / record.package_path)).validate(processes=1)
    assert db.scalar(select(func.count()).select_from(Record)) == 1



def test_with_transfer_on_closure_off_the_worker_leaves_the_file_in_processing(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = app.config["EOFFICE_SETTINGS"]
    monkeypatch.setitem(app.config, "EOFFICE_SETTINGS",
                        settings.model_copy(update={"archive_transfer_on_closure": False}))
    closed_file(client, token_for)
    run_worker(app)
    assert db.scalar(select(func.count()).select_from(Record)) == 0
    assert _packages(fresh_archive) == []
