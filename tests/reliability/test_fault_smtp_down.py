"""The mail relay out for minutes, first refusing every message (451: its queue is full)
and then not listening at all: notifications made meanwhile are kept and their e-mail
alerts wait in the outbox, none is given up on; once the relay takes mail again every
alert arrives exactly once (one per notification, each with its own Message-ID) within
30 s of the worker's clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice import notifications
from eoffice.shared.outbox import OutboxMessage, OutboxStatus, backoff
from tests.reliability.faults import (
    RESUME_WITHIN,
    WorkerClock,
    failed,
    moment,
    notify_ana,
    pending,
)
from tests.smtp_sink import SmtpSink, relay_sink

pytestmark = pytest.mark.reliability
# after the demo catalogue is published (by the session app, once the tests are collected)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)
NOTICES = 3
REFUSING, CLOSED = timedelta(seconds=80), timedelta(seconds=90)


@pytest.fixture
def sink(app: Flask, db: Session) -> Iterator[SmtpSink]:
    db.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
               .values(status=OutboxStatus.DONE))  # only this test's work is delivered
    with relay_sink(app) as relay:
        yield relay


def _scheduled_attempts(span: timedelta) -> int:
    """Attempts the outbox's backoff makes over ``span`` (probes are not counted)."""
    at, attempts = timedelta(0), 0
    while at < span:
        attempts += 1
        at += backoff(attempts)
    return attempts


def _attempts(db: Session) -> list[int]:
    db.expire_all()
    return [m.attempts for m in db.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == notifications.EMAIL_TOPIC,
        OutboxMessage.status == OutboxStatus.PENDING))]


def _body(mail: object) -> str:
    return bytes(mail.get_payload(decode=True)).decode()  # type: ignore[attr-defined]


def test_alerts_made_while_the_relay_is_out_arrive_once_each_when_it_returns(
    app: Flask, db: Session, sink: SmtpSink,
) -> None:
    clock = WorkerClock(app, START)
    sink.refusing = True
    with moment(clock):
        made = [notify_ana(app, db, f"Fallen tree {n}") for n in range(NOTICES)]
    alerts = pending(db, notifications.EMAIL_TOPIC)
    assert alerts == NOTICES  # one alert per notification, acknowledged in the outbox

    clock.run_for(REFUSING)  # the relay answers, and refuses everything
    assert sink.received == [] and sink.refused > 0
    sink.stop()
    clock.run_for(CLOSED)  # then nothing listens on its port
    assert pending(db, notifications.EMAIL_TOPIC) == alerts and failed(db) == []
    tried = _attempts(db)  # probes (every 20 s) were tried too, and cost no attempt
    assert 0 < max(tried) <= _scheduled_attempts(REFUSING + CLOSED)

    sink.refusing = False
    sink.start()
    took = clock.run_until(lambda: len(sink.received) >= alerts, within=RESUME_WITHIN)
    clock.run_for(timedelta(minutes=2))  # later rounds send nothing more

    assert took <= RESUME_WITHIN
    assert len(sink.received) == alerts and pending(db, notifications.EMAIL_TOPIC) == 0
    assert len({mail["Message-ID"] for mail in sink.received}) == alerts
    for notification_id in made:
        assert sum(f"/notifications/{notification_id}" in _body(mail)
                   for mail in sink.received) == 1
    assert failed(db) == []
