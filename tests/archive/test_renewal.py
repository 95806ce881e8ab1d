"""Timestamp renewal of archived documents: once the newest timestamp of a signed
document of an archived file is older than ``archive_timestamp_renewal_days`` (clock
moved), the worker's job adds a document timestamp (a new version whose seal still
validates) and puts that version in the package next to the first one; before then,
nothing happens; a renewal whose package step was lost is completed later."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.archive.integrity_jobs import run_renewal_job
from eoffice.archive.models import PackageFile, Record
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import packages, renewal
from eoffice.shared.clock import frozen_at, utcnow
from tests.api.files.sent import Headers
from tests.archive.test_fixity import archived
from tests.conftest import database

RENEWAL_DAYS = 730


def rows_of(db: Session, record: Record) -> list[PackageFile]:
    return list(db.scalars(select(PackageFile).where(PackageFile.record_id == record.id)
                          .order_by(PackageFile.id)))


def signed_rows(db: Session, record: Record) -> list[PackageFile]:
    rows = [row for row in rows_of(db, record) if row.document_id]
    facts = documents.version_facts(db, [row.document_id for row in rows if row.document_id])
    return [row for row in rows if row.document_id and facts[row.document_id].signed
            and row.media_type == "application/pdf"]


def test_old_timestamps_are_renewed_and_the_package_keeps_the_new_version(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = archived(client, token_for, db)
    signed = signed_rows(db, record)
    assert signed, "the archived file holds sealed documents (receipt, index)"

    with frozen_at(utcnow() + timedelta(days=RENEWAL_DAYS + 1)), app.app_context():
        done = run_renewal_job(database(app))
        again = run_renewal_job(database(app))

    assert done == len(signed) and again == 0
    added = {row.path: row for row in rows_of(db, record)}
    for row in signed:
        path = renewal.versioned_path(row.path, 2)
        assert path in added and added[path].version == 2
        data = (fresh_archive.root / record.package_path / path).read_bytes()
        report = documents.validate_pdf(
            data, trust_roots=app.extensions["eoffice.documents"].trust_roots)
        seals = [s for s in report.signatures if s.kind == "signature"]
        assert seals and all(s.intact and s.valid and s.modifications == "lta_updates"
                             for s in seals)
        original = (fresh_archive.root / record.package_path / row.path).read_bytes()
        assert data.startswith(original) and len(data) > len(original)
    db.refresh(record)
    with app.app_context():
        assert packages.check_package(record) == []
    events = audit.events_about(db, "archive_record", [record.id],
                                ["archive.timestamp_renewed"])
    assert len(events) == len(signed)


def test_nothing_is_renewed_before_its_time(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = archived(client, token_for, db)
    before = len(rows_of(db, record))

    with frozen_at(utcnow() + timedelta(days=RENEWAL_DAYS - 30)), app.app_context():
        done = run_renewal_job(database(app))

    assert done == 0 and len(rows_of(db, record)) == before


def test_a_renewal_missing_from_its_package_is_added_on_a_later_round(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = archived(client, token_for, db)
    row = signed_rows(db, record)[0]
    assert row.document_id is not None

    with frozen_at(utcnow() + timedelta(days=1)), app.app_context():
        number = documents.renew_timestamp(row.document_id, actor="system")  # then a crash
        done = run_renewal_job(database(app))

    assert number == 2 and done == 1
    paths = [r.path for r in rows_of(db, record)]
    assert renewal.versioned_path(row.path, 2) in paths


def test_versioned_paths() -> None:
    assert renewal.versioned_path("data/documents/0003-resolution.pdf", 2) == \
        "data/documents/0003-resolution.v2.pdf"
    assert renewal.versioned_path("data/documents/0003-resolution.v2.pdf", 3) == \
        "data/documents/0003-resolution.v3.pdf"
    assert renewal.versioned_path("data/index/file-index.pdf", 2) == \
        "data/index/file-index.v2.pdf"
