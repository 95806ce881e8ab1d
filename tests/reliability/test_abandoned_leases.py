"""A worker that starts takes back at once the outbox messages that a killed worker of the
same host had leased (found by the SIGKILL rounds: they used to wait for the end of the
five-minute lease), and leaves alone the leases of workers that still run."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from eoffice.shared import outbox
from eoffice.shared.clock import frozen_at
from eoffice.shared.db import Database
from eoffice.shared.outbox import Delivery, OutboxMessage, OutboxStatus
from eoffice.shared.worker import Background, Worker

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _dead_pid() -> int:
    """The pid of a process that has just ended."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(ended.stdout)


def _leased(db: Session, topic: str, holder: str) -> OutboxMessage:
    message = outbox.enqueue(db, topic, {"to": "ana@demo.eoffice.test"})
    assert message is not None
    message.locked_by, message.locked_until = holder, NOW + outbox.LEASE
    db.flush()
    return message


def test_a_starting_worker_delivers_what_a_killed_worker_had_leased(
    app: Flask, db: Session,
) -> None:
    db.execute(update(OutboxMessage).values(status=OutboxStatus.DONE))  # the demo's
    host = socket.gethostname()
    with frozen_at(NOW):
        abandoned = _leased(db, "mail.abandoned", f"{host}:{_dead_pid()}:1")
        busy = _leased(db, "mail.busy", f"{host}:1:1")  # pid 1 runs: its worker is busy
        delivered: list[Delivery] = []
        background = Background()
        background.consumer("mail.abandoned")(delivered.append)
        background.consumer("mail.busy")(delivered.append)
        database: Database = app.extensions["eoffice.database"]
        worker = Worker(database, background, max_attempts=3, poll_seconds=0.01)
        assert worker.run_once() == 1
        assert worker.run_once() == 0
    assert [delivery.message_id for delivery in delivered] == [abandoned.id]
    db.refresh(busy)
    assert (busy.status, busy.locked_by) == (OutboxStatus.PENDING, f"{host}:1:1")
    assert busy.locked_until is not None
    assert NOW + timedelta(minutes=1) < busy.locked_until  # still its own lease


def test_a_predecessor_with_the_same_pid_is_taken_over_but_a_living_sibling_is_not(
    app: Flask, db: Session,
) -> None:
    """In a container a restarted worker often gets its predecessor's pid: the
    predecessor's leases are abandoned; another worker running in this very process is
    not, and its messages are never delivered twice."""
    db.execute(update(OutboxMessage).values(status=OutboxStatus.DONE))  # the demo's
    host = socket.gethostname()
    database: Database = app.extensions["eoffice.database"]
    delivered: list[Delivery] = []
    background = Background()
    background.consumer("mail.predecessor")(delivered.append)
    background.consumer("mail.sibling")(delivered.append)
    with frozen_at(NOW):
        sibling = Worker(database, background, max_attempts=3, poll_seconds=0.01)
        predecessor = _leased(db, "mail.predecessor", f"{host}:{os.getpid()}:1:0ld0ne")
        busy = _leased(db, "mail.sibling", sibling.worker_id)
        restarted = Worker(database, background, max_attempts=3, poll_seconds=0.01)
        assert restarted.run_once() == 1
    assert [delivery.message_id for delivery in delivered] == [predecessor.id]
    db.refresh(busy)
    assert busy.locked_by == sibling.worker_id and busy.status == OutboxStatus.PENDING


def test_a_round_that_failed_before_settling_leaves_nothing_leased_to_its_worker(
    app: Flask, db: Session, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The database went away between a delivery and its settling (the SIGKILL rounds of
    PostgreSQL found it): the round fails, and the messages it had claimed stay leased to
    a worker that still runs; its next round takes them again instead of leaving them for
    the end of the five-minute lease."""
    db.execute(update(OutboxMessage).values(status=OutboxStatus.DONE))  # the demo's
    database: Database = app.extensions["eoffice.database"]
    delivered: list[int] = []
    background = Background()
    background.consumer("mail.batch")(lambda delivery: delivered.append(delivery.message_id))
    with frozen_at(NOW):
        first = outbox.enqueue(db, "mail.batch", {"to": "ana@demo.eoffice.test"})
        second = outbox.enqueue(db, "mail.batch", {"to": "bernat@demo.eoffice.test"})
        db.flush()
        assert first is not None and second is not None
        worker = Worker(database, background, max_attempts=3, poll_seconds=0.01)
        real_settle = outbox.settle

        def database_gone(*args: object, **kwargs: object) -> None:
            raise OperationalError("UPDATE outbox_message", {}, Exception("connection lost"))

        monkeypatch.setattr(outbox, "settle", database_gone)
        with pytest.raises(OperationalError):
            worker.run_once()
        monkeypatch.setattr(outbox, "settle", real_settle)
        assert worker.run_once() == 2
    assert delivered == [first.id, first.id, second.id]  # at least once: the first again
    db.expire_all()
    assert {db.get(OutboxMessage, first.id).status,  # type: ignore[union-attr]
            db.get(OutboxMessage, second.id).status} == {OutboxStatus.DONE}  # type: ignore[union-attr]
