"""The outbox delivers side effects once the data is committed, retries failures and
never loses a message; the worker runs the registered consumers and jobs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice.shared import outbox
from eoffice.shared.clock import frozen_at
from eoffice.shared.db import Database
from eoffice.shared.outbox import Delivery, OutboxMessage, OutboxStatus
from eoffice.shared.worker import Background, Worker

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def settled_outbox(db: Session) -> None:
    """Messages the demo city left behind are out of the way (inside this test only)."""
    db.execute(update(OutboxMessage).values(status=OutboxStatus.DONE))


def _database(app: Flask) -> Database:
    database: Database = app.extensions["eoffice.database"]
    return database


def _worker(app: Flask, background: Background, *, max_attempts: int = 3) -> Worker:
    return Worker(_database(app), background, max_attempts=max_attempts, poll_seconds=0.01)


def test_a_committed_message_is_delivered_once(app: Flask, db: Session) -> None:
    delivered: list[Delivery] = []
    background = Background()
    background.consumer("mail.send")(delivered.append)
    with frozen_at(NOW):
        message = outbox.enqueue(db, "mail.send", {"to": "ana@demo.eoffice.test"})
        db.flush()
        assert message is not None
        worker = _worker(app, background)
        assert worker.run_once() == 1
        assert worker.run_once() == 0
    assert [d.payload for d in delivered] == [{"to": "ana@demo.eoffice.test"}]
    assert delivered[0].message_id == message.id
    db.refresh(message)
    assert message.status == OutboxStatus.DONE


def test_a_failing_consumer_is_retried_with_backoff_then_marked_failed(
    app: Flask, db: Session
) -> None:
    attempts: list[int] = []

    def flaky(delivery: Delivery) -> None:
        attempts.append(delivery.attempt)
        raise ConnectionError("smtp down")

    background = Background()
    background.consumer("mail.send")(flaky)
    worker = _worker(app, background, max_attempts=3)
    with frozen_at(NOW):
        message = outbox.enqueue(db, "mail.send", {})
        db.flush()
        assert message is not None
        worker.run_once()
        worker.run_once()  # not due yet: backoff
    db.refresh(message)
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert message.last_error == "ConnectionError: smtp down"
    assert message.available_at == NOW + timedelta(seconds=5)
    for minutes in (1, 2):
        with frozen_at(NOW + timedelta(minutes=minutes)):
            worker.run_once()
    db.refresh(message)
    assert attempts == [1, 2, 3]
    assert message.status == OutboxStatus.FAILED
    assert message in outbox.list_stuck(db)

    # The operator fixes the cause and puts the message back in line.
    background.consumers["mail.send"] = lambda delivery: None
    with frozen_at(NOW + timedelta(hours=1)):
        assert outbox.retry(db, message.id)
        db.flush()
        assert worker.run_once() == 1
    db.refresh(message)
    assert message.status == OutboxStatus.DONE


def test_an_enqueue_rolled_back_with_its_transaction_is_never_delivered(
    app: Flask, db: Session
) -> None:
    delivered: list[Delivery] = []
    background = Background()
    background.consumer("index.update")(delivered.append)
    nested = db.begin_nested()
    outbox.enqueue(db, "index.update", {"file": "2026/1"})
    nested.rollback()
    _worker(app, background).run_once()
    assert delivered == []


def test_the_same_dedup_key_enqueues_once(db: Session) -> None:
    assert outbox.enqueue(db, "mail.send", {"n": 1}, dedup_key="notice-7") is not None
    assert outbox.enqueue(db, "mail.send", {"n": 2}, dedup_key="notice-7") is None
    rows = db.scalars(select(OutboxMessage).filter_by(dedup_key="notice-7")).all()
    assert len(rows) == 1


def test_a_message_leased_by_a_crashed_worker_is_delivered_after_the_lease(
    app: Flask, db: Session
) -> None:
    delivered: list[Delivery] = []
    background = Background()
    background.consumer("mail.send")(delivered.append)
    with frozen_at(NOW):
        outbox.enqueue(db, "mail.send", {})
        db.flush()
        # A worker claims the message and dies before settling it.
        claimed = outbox.claim_due(_database(app), worker_id="dead-worker")
        assert len(claimed) == 1
        assert _worker(app, background).run_once() == 0
    with frozen_at(NOW + outbox.LEASE + timedelta(seconds=1)):
        assert _worker(app, background).run_once() == 1
    assert len(delivered) == 1


def test_a_message_without_consumer_stays_pending_with_the_reason(
    app: Flask, db: Session
) -> None:
    with frozen_at(NOW):
        message = outbox.enqueue(db, "unknown.topic", {})
        db.flush()
        _worker(app, Background()).run_once()
    assert message is not None
    db.refresh(message)
    assert message.status == OutboxStatus.PENDING
    assert message.last_error == "no consumer for topic 'unknown.topic'"


def test_a_failing_job_does_not_stop_the_worker(app: Flask, db: Session) -> None:
    runs: list[str] = []

    def broken(_database: Database) -> int:
        raise RuntimeError("boom")

    def healthy(_database: Database) -> int:
        runs.append("ran")
        return 1

    background = Background(jobs={"broken": broken, "healthy": healthy})
    assert _worker(app, background).run_once() == 1
    assert runs == ["ran"]
