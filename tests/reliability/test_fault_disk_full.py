"""A full disk under the blob store (a 2 MiB tmpfs filled to the last byte): a citizen's
upload and a submission that needs new content are refused with a clear error
(``documents.storage_full``, 503) and leave nothing behind: no document row, no blob, no
temporary file, no registry number. A submission whose application was kept before the
disk filled is registered at once; its sealed receipt waits in the outbox and is issued
once, within 30 s of the worker's clock after space is freed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from eoffice.documents.models import DocumentVersion
from eoffice.registry.domain import RECEIPT_DUE_TOPIC
from eoffice.registry.models import RegisterCounter, RegistryEntry
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from eoffice.submissions.models import SubmissionAttachment
from tests.api.submissions.test_attachments import terrace_draft, upload
from tests.api.submissions.test_submit_api import validated
from tests.pdfs import tiny_pdf
from tests.reliability.faults import (
    RESUME_WITHIN,
    SmallDisk,
    WorkerClock,
    documents_runtime,
    pending,
    small_disk,
    store_on,
)

pytestmark = pytest.mark.reliability
Headers = Callable[[str], dict[str, str]]
# after the demo catalogue is published (by the session app, once the tests are collected)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)
OUTAGE = timedelta(minutes=3)


@pytest.fixture
def disk(app: Flask, db: Session, tmp_path: Path) -> Iterator[SmallDisk]:
    """The blob store on a small tmpfs; only this test's outbox work is delivered."""
    db.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
               .values(status=OutboxStatus.DONE))
    with small_disk(tmp_path / "blobs") as mounted, \
            documents_runtime(app, store=store_on(mounted)):
        yield mounted


def _count(db: Session, what: object) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(what)) or 0)  # type: ignore[arg-type]


def _numbers_taken(db: Session) -> int:
    db.expire_all()
    return int(db.scalar(select(func.sum(RegisterCounter.last_number))) or 0)


def _rows_without_blob(db: Session, disk: SmallDisk, known: set[int]) -> list[str]:
    """Versions recorded during the test whose content is not on the disk."""
    db.expire_all()
    on_disk = disk.blobs()
    return [v.sha256 for v in db.scalars(select(DocumentVersion))
            if v.id not in known and v.sha256 not in on_disk]


def _version_ids(db: Session) -> set[int]:
    return set(db.scalars(select(DocumentVersion.id)))


def test_an_upload_to_a_full_disk_is_refused_clearly_and_leaves_nothing_behind(
    client: FlaskClient, db: Session, token_for: Headers, disk: SmallDisk,
) -> None:
    ana = token_for("ana")
    path = terrace_draft(client, ana)
    known, documents_before = _version_ids(db), _count(db, DocumentVersion)
    disk.fill()

    refused = upload(client, path, ana, "terrace_plan", tiny_pdf("plan during the outage"))

    assert refused.status_code == 503, refused.get_data(as_text=True)
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["code"] == "documents.storage_full"
    assert client.get(path, headers=ana).get_json()["attachments"] == []
    assert db.scalars(select(SubmissionAttachment).where(
        SubmissionAttachment.submission_id == path.rsplit("/", 1)[-1])).all() == []
    assert _count(db, DocumentVersion) == documents_before  # no row without its blob
    assert disk.blobs() == set() and disk.leftovers() == []  # no blob without its row

    disk.free()
    kept = upload(client, path, ana, "terrace_plan", tiny_pdf("plan after the outage"))
    assert kept.status_code == 201, kept.get_json()
    assert disk.blobs() == {kept.get_json()["sha256"]}
    assert _rows_without_blob(db, disk, known) == []
    assert disk.leftovers() == []


def test_a_submission_needing_new_content_on_a_full_disk_takes_no_registry_number(
    client: FlaskClient, db: Session, token_for: Headers, disk: SmallDisk,
) -> None:
    ana = token_for("ana")
    path = validated(client, ana)  # its application PDF is rendered when it is sent
    entries, numbers = _count(db, RegistryEntry), _numbers_taken(db)
    disk.fill()

    refused = client.post(f"{path}/submit", json={}, headers={**ana, "Idempotency-Key": "full"})

    assert refused.status_code == 503, refused.get_data(as_text=True)
    assert refused.get_json()["code"] == "documents.storage_full"
    assert client.get(path, headers=ana).get_json()["status"] == "validated"
    assert (_count(db, RegistryEntry), _numbers_taken(db)) == (entries, numbers)
    assert disk.blobs() == set() and disk.leftovers() == []

    disk.free()  # the citizen tries again with the same key once there is room
    sent = client.post(f"{path}/submit", json={}, headers={**ana, "Idempotency-Key": "full"})
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json()["status"] == "registered"
    assert (_count(db, RegistryEntry), _numbers_taken(db)) == (entries + 1, numbers + 1)


def test_a_receipt_that_cannot_be_stored_is_issued_once_after_space_is_freed(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers, disk: SmallDisk,
) -> None:
    ana = token_for("ana")
    known = _version_ids(db)
    with frozen_at(START):
        path = validated(client, ana)
        assert client.get(f"{path}/application", headers=ana).status_code == 200  # kept
        disk.fill()
        sent = client.post(f"{path}/submit", json={}, headers=ana)
    assert sent.status_code == 200, sent.get_json()
    body = sent.get_json()
    assert body["status"] == "registered" and body["receipt"] is None  # acknowledged
    entry = db.scalar(select(RegistryEntry).where(RegistryEntry.submission_id == body["id"]))
    assert entry is not None and entry.receipt_document_id is None
    assert pending(db, RECEIPT_DUE_TOPIC) == 1

    clock = WorkerClock(app, START)
    clock.run_for(OUTAGE)  # the disk stays full for minutes: nothing half-kept
    db.refresh(entry)
    assert entry.receipt_document_id is None and pending(db, RECEIPT_DUE_TOPIC) == 1
    assert disk.leftovers() == [] and _rows_without_blob(db, disk, known) == []

    disk.free()

    def sealed() -> bool:
        db.refresh(entry)
        return entry.receipt_document_id is not None

    clock.run_until(sealed, within=RESUME_WITHIN)
    clock.run_for(timedelta(minutes=2))  # later rounds issue nothing more
    assert pending(db, RECEIPT_DUE_TOPIC) == 0
    receipts = db.scalars(select(DocumentVersion).where(
        DocumentVersion.document_id == entry.receipt_document_id)).all()
    assert len(receipts) == 1 and receipts[0].sha256 in disk.blobs()
    shown = client.get(path, headers=ana).get_json()
    assert shown["status"] in ("registered", "handed_over")
    assert _rows_without_blob(db, disk, known) == []
