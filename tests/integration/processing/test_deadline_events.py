"""Deadline events reach processing: an expired deadline of a file with no process
waiting for it is settled (logged), not left failing on the operators' list."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice import deadlines
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from tests.conftest import run_worker


def test_an_expired_deadline_nobody_waits_for_is_settled(app: Flask, db: Session) -> None:
    db.execute(update(OutboxMessage).values(status=OutboxStatus.DONE))
    started = date.today() - timedelta(days=40)
    deadlines.start_deadline(db, deadlines.NewDeadline(
        subject_kind="file", subject_id="no-such-file", kind="requirement",
        started_on=started, term={"value": 10, "unit": "business_days"}), actor="test",
        today=started)
    expired, _warned = deadlines.watch_deadlines(db)
    assert expired == 1
    run_worker(app)
    message = db.scalar(select(OutboxMessage).where(
        OutboxMessage.topic == deadlines.EXPIRED_TOPIC))
    assert message is not None
    assert (message.status, message.attempts) == (OutboxStatus.DONE, 0)
