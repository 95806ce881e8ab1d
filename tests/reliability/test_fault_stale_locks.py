"""Leases left by a worker on another machine that died in the middle of its work (it
claimed messages, did their side effect, and never noted it; a dead worker of the same
machine is recognised at once by its pid, see ``test_abandoned_leases``, but one
elsewhere cannot be told from a slow one): another worker leaves them alone
while the lease holds, takes them over once it has run out and finishes them within 30 s
of the worker's clock, and what the dead worker had already done is not done twice: the
receipt it had sealed is not sealed again, and the e-mail it had handed to the relay is
sent again only under the same Message-ID (its idempotency key), so the recipient's mail
system keeps one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from eoffice import notifications
from eoffice.documents.models import Document
from eoffice.registry.domain import RECEIPT_DUE_TOPIC
from eoffice.registry.models import RegistryEntry
from eoffice.shared import outbox
from eoffice.shared.db import Database
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from eoffice.shared.worker import Background
from tests.api.submissions.test_submit_api import validated
from tests.reliability.faults import (
    RESUME_WITHIN,
    WorkerClock,
    closed_port,
    documents_runtime,
    failed,
    moment,
    notify_ana,
    pending,
)
from tests.smtp_sink import SmtpSink, relay_sink

pytestmark = pytest.mark.reliability
# after the demo catalogue is published (by the session app, once the tests are collected)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)


@pytest.fixture(autouse=True)
def own_work_only(db: Session) -> None:
    db.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
               .values(status=OutboxStatus.DONE))


@pytest.fixture
def sink(app: Flask) -> Iterator[SmtpSink]:
    with relay_sink(app) as relay:
        yield relay


def _database(app: Flask) -> Database:
    database: Database = app.extensions["eoffice.database"]
    return database


def _consumer(app: Flask, topic: str) -> outbox.Consumer:
    """What ``eoffice worker`` runs for ``topic``."""
    background: Background = app.extensions["eoffice.background"]
    return background.consumers[topic]


def _dead_worker_claims(app: Flask, clock: WorkerClock, topic: str) -> list[outbox.Delivery]:
    with moment(clock):
        claimed = outbox.claim_due(_database(app), worker_id="dead-host:4242:1")
    return [delivery for delivery in claimed if delivery.topic == topic]


def test_an_e_mail_sent_by_a_worker_that_died_before_noting_it_keeps_its_message_id(
    app: Flask, db: Session, sink: SmtpSink,
) -> None:
    clock = WorkerClock(app, START)
    with moment(clock):
        made = notify_ana(app, db, "Broken street lamp")
    [claimed] = _dead_worker_claims(app, clock, notifications.EMAIL_TOPIC)
    with moment(clock), app.app_context():
        _consumer(app, claimed.topic)(claimed)  # handed to the relay; then the worker died
    assert len(sink.received) == 1

    clock.run_for(outbox.LEASE - timedelta(seconds=10))  # the lease still holds
    assert len(sink.received) == 1 and pending(db, notifications.EMAIL_TOPIC) == 1

    clock.run_until(lambda: pending(db, notifications.EMAIL_TOPIC) == 0,
                    within=RESUME_WITHIN)  # taken over once the lease has run out
    clock.run_for(timedelta(minutes=1))
    assert len(sink.received) == 2  # at least once: the relay got it again...
    first, again = sink.received
    assert first["Message-ID"] == again["Message-ID"]  # ...as the same message
    assert first["Message-ID"].startswith("<outbox.")
    assert f"/notifications/{made}" in bytes(first.get_payload(decode=True)).decode()
    assert failed(db) == []


def test_a_receipt_sealed_by_a_worker_that_died_before_noting_it_is_not_sealed_again(
    app: Flask, client: FlaskClient, db: Session, token_for: object,
) -> None:
    ana = token_for("ana")  # type: ignore[operator]
    clock = WorkerClock(app, START)
    with documents_runtime(app, tsa_url=f"http://127.0.0.1:{closed_port()}/tsa"), \
            moment(clock):  # the receipt is left to the worker
        sent = client.post(f"{validated(client, ana)}/submit", json={}, headers=ana)
    assert sent.get_json()["receipt"] is None
    entry = db.scalar(select(RegistryEntry).where(
        RegistryEntry.submission_id == sent.get_json()["id"]))
    assert entry is not None
    [claimed] = _dead_worker_claims(app, clock, RECEIPT_DUE_TOPIC)
    with moment(clock), app.app_context():
        _consumer(app, claimed.topic)(claimed)  # sealed and committed; then the worker died
    db.refresh(entry)
    sealed = entry.receipt_document_id
    assert sealed is not None
    documents = db.scalar(select(func.count()).select_from(Document))

    clock.run_for(outbox.LEASE - timedelta(seconds=10))
    assert pending(db, RECEIPT_DUE_TOPIC) == 1  # still leased to the dead worker
    clock.run_until(lambda: pending(db, RECEIPT_DUE_TOPIC) == 0, within=RESUME_WITHIN)

    db.refresh(entry)
    assert entry.receipt_document_id == sealed  # the same receipt, not a second one
    assert db.scalar(select(func.count()).select_from(Document)) == documents
    assert failed(db) == []
