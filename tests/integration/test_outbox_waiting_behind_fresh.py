"""A message that failed while its system was down is not left waiting for its long
backoff once the system is back just because fresh messages of the same topic keep
flowing: those go through at once, and the waiting one goes soon after (the worker
probes the topic, see ``eoffice.shared.outbox``), not hours later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from eoffice.shared import outbox
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import Delivery, OutboxMessage, OutboxStatus
from eoffice.shared.worker import Background, Worker

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
STEP = timedelta(seconds=5)  # a worker round every 5 s of the clock
TOPIC = "files.file_opened.test"


@pytest.fixture(autouse=True)
def settled_outbox(db: Session) -> None:
    """Messages the demo city left behind are out of the way (inside this test only)."""
    db.execute(update(OutboxMessage).values(status=OutboxStatus.DONE))


def test_a_message_that_failed_goes_soon_after_fresh_ones_of_its_topic_go_through(
    app: Flask, db: Session,
) -> None:
    down = True
    delivered: list[int] = []

    def consumer(delivery: Delivery) -> None:
        if down:
            raise ConnectionError("database restarting")
        delivered.append(delivery.message_id)

    background = Background()
    background.consumer(TOPIC)(consumer)
    worker = Worker(app.extensions["eoffice.database"], background, max_attempts=20,
                    poll_seconds=0.01)
    now = NOW
    with frozen_at(now):
        waiting = outbox.enqueue(db, TOPIC, {"n": 0})
        db.flush()
    assert waiting is not None
    while waiting.attempts < 7:  # ten minutes down: its next attempt is 320 s away
        with frozen_at(now):
            worker.run_once()
        now += STEP
        db.refresh(waiting)
    assert waiting.available_at - now > timedelta(minutes=5)

    down, back = False, now
    while waiting.id not in delivered:
        with frozen_at(now):
            fresh = outbox.enqueue(db, TOPIC, {"n": len(delivered) + 1})
            db.flush()
            worker.run_once()
        assert fresh is not None and fresh.id in delivered  # the fresh one went at once
        now += STEP
        assert now - back <= outbox.PROBE_INTERVAL + 2 * STEP, \
            "the waiting message still waits for its backoff"
