"""What the archive indexes of an archived file, and how: the file's metadata, each
document of its package with the text of the PDF, the registry exits naming it and its
notifications; a broken PDF is indexed by its metadata only; a destroyed file keeps only
its tombstone; putting a record again replaces its items (redelivery doubles nothing); an
index that does not answer leaves the message to be delivered again; ``reindex`` and
``index-status``."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import notifications, registry
from eoffice.archive.domain import RecordStatus
from eoffice.archive.errors import IndexUnavailable
from eoffice.archive.index.port import ArchiveIndex, Scope, SearchRequest
from eoffice.archive.index.query import parse_query
from eoffice.archive.index_commands import index_status, reindex
from eoffice.archive.models import PackageFile, Record
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import indexing
from eoffice.archive.services.access import ALL_LEVELS
from eoffice.archive.services.packages import package_dir, payload_path
from eoffice.archive.topics import INDEX_TOPIC
from eoffice.shared import outbox
from eoffice.shared.clock import frozen_at, utcnow
from eoffice.shared.localtime import local_today
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from tests.archive.archived_files import Archived, archived_file
from tests.conftest import run_worker

WORD = "escarabajo"


@pytest.fixture
def in_app(app: Flask, fresh_archive: ArchiveRuntime) -> Iterator[ArchiveRuntime]:
    with app.app_context():
        fresh_archive.index.ensure()
        yield fresh_archive


@pytest.fixture
def archived(app: Flask, db: Session, in_app: ArchiveRuntime) -> Archived:
    def notify_ana(session: Session, number: str, resolution_id: str) -> None:
        notifications.notify(session, notifications.NewNotification(
            file_number=number, document_id=resolution_id, addressee_id_number="12345678Z",
            addressee_name="Ana García Puig", subject="Resolution on the fountain",
            sending_unit="URB"), actor="clerk")

    found = archived_file(app, db, unit="URB", subject="Fountain repair in Plaça Nova",
                          resolution=f"The {WORD} fountain is repaired by the city.",
                          before_closing=notify_ana)
    registry.register_exit(db, registry.NewExit(
        sending_unit="URB", subject="Repair works announced",
        addressees=[registry.Party("Ana García Puig", "nif", "12345678Z")],
        file_number=found.number), actor="clerk")
    db.flush()
    return found


def record_of(db: Session, archived: Archived) -> Record:
    found = db.get(Record, archived.record_id)
    assert found is not None
    return found


def test_a_record_yields_its_file_documents_exits_and_notifications(
        db: Session, archived: Archived) -> None:
    items = indexing.items_of_record(db, record_of(db, archived))
    kinds = [i.kind for i in items]
    assert kinds[0] == "file" and {"document", "entry", "notification"} <= set(kinds)
    assert len({i.id for i in items}) == len(items)  # stable, distinct ids
    the_file = items[0]
    assert the_file.title == "Fountain repair in Plaça Nova"
    assert "Ana García Puig" in the_file.text and archived.number in the_file.text
    assert {(i.unit, i.year, i.record_id) for i in items} == {
        ("URB", local_today().year, archived.record_id)}  # closed today, in the city
    resolution = [i for i in items if i.kind == "document" and WORD in i.text]
    assert len(resolution) == 1  # the PDF's own text, extracted
    exits = [i.text for i in items if i.kind == "entry"]
    assert any("Repair works announced" in text for text in exits)
    notified = next(i for i in items if i.kind == "notification")
    assert notified.title == "Resolution on the fountain"
    assert "Ana García Puig" in notified.text


def test_a_broken_pdf_is_indexed_by_its_metadata_only(
        db: Session, archived: Archived, caplog: pytest.LogCaptureFixture) -> None:
    record = record_of(db, archived)
    held = db.scalars(select(PackageFile).where(PackageFile.record_id == record.id,
                                                PackageFile.role == "document")).all()
    for one in held:
        payload_path(package_dir(record), one.path).write_bytes(b"%PDF-1.7 broken")
    with caplog.at_level(logging.WARNING):
        items = indexing.items_of_record(db, record)
    documents = [i for i in items if i.kind == "document" and i.id.endswith(held[0].path)]
    assert documents and documents[0].title == held[0].title
    assert WORD not in " ".join(i.text for i in items)
    assert "no text from" in caplog.text


def test_a_destroyed_record_keeps_only_its_tombstone(db: Session, archived: Archived) -> None:
    record = record_of(db, archived)
    record.status = RecordStatus.DESTROYED.value
    record.destroyed_at = utcnow()
    items = indexing.items_of_record(db, record)
    assert [i.kind for i in items] == ["file"]
    assert WORD not in items[0].text


def test_the_worker_indexes_and_redelivery_doubles_nothing(
        app: Flask, db: Session, in_app: ArchiveRuntime, archived: Archived) -> None:
    run_worker(app)
    index = in_app.index
    count = index.count()
    assert index.record_ids() == {archived.record_id}
    assert count == len(indexing.items_of_record(db, record_of(db, archived)))
    assert indexing.index_record(archived.record_id) == count  # delivered again
    assert index.count() == count


class Down:
    """An index whose backend does not answer."""

    name = "down"

    def ensure(self) -> None:
        raise IndexUnavailable()


def test_an_index_that_does_not_answer_gets_the_message_again(
        app: Flask, db: Session, in_app: ArchiveRuntime, archived: Archived) -> None:
    working: ArchiveIndex = in_app.index
    in_app.index = Down()  # type: ignore[assignment]
    run_worker(app)
    message = db.scalar(select(OutboxMessage).where(OutboxMessage.topic == INDEX_TOPIC))
    assert message is not None
    db.refresh(message)
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "IndexUnavailable" in (message.last_error or "")
    in_app.index = working
    with frozen_at(utcnow() + timedelta(minutes=1)):
        run_worker(app)
    db.refresh(message)
    assert message.status == OutboxStatus.DONE
    assert working.record_ids() == {archived.record_id}


def test_reindex_rebuilds_the_index_from_the_database(
        db: Session, in_app: ArchiveRuntime, archived: Archived) -> None:
    index = in_app.index
    index.clear()
    runner = CliRunner()
    missing = runner.invoke(index_status)
    assert missing.exit_code == 1 and "1 missing" in missing.output
    done = runner.invoke(reindex)
    assert done.exit_code == 0, done.output
    assert index.record_ids() == {archived.record_id}
    assert index.count() == len(indexing.items_of_record(db, record_of(db, archived)))
    assert "1 archived files" in done.output
    status = runner.invoke(index_status)
    assert status.exit_code == 0 and "0 missing" in status.output


def test_a_destruction_delivered_while_reindexing_is_not_undone_by_the_switch(
        app: Flask, db: Session, in_app: ArchiveRuntime, archived: Archived,
        monkeypatch: pytest.MonkeyPatch) -> None:
    run_worker(app)
    record = record_of(db, archived)
    index = in_app.index
    rebuild = index.rebuild

    def rebuild_with_a_destruction_meanwhile(items: Any, progress: Any = None) -> int:
        read = list(items)  # the rebuild has read the record, its resolution's text too
        record.status = RecordStatus.DESTROYED.value  # ... when the file is destroyed
        record.destroyed_at = utcnow()
        outbox.enqueue(db, INDEX_TOPIC, {"record_id": record.id})
        db.flush()
        run_worker(app)  # ... and the worker indexes the tombstone in the old index
        return rebuild(read, progress)

    monkeypatch.setattr(index, "rebuild", rebuild_with_a_destruction_meanwhile)
    indexing.reindex()
    found = index.search(SearchRequest(
        query=parse_query(WORD), scope=Scope(units=None, confidentiality=ALL_LEVELS)))
    assert found.total == 0  # the destroyed resolution's text cannot be found
    assert index.count() == 1  # the tombstone only
