"""A timer fires once, whatever happens to the worker that fires it: a worker killed
after SpiffWorkflow fired the timer in memory but before its transaction committed leaves
the instance waiting as before (nothing half-done: no task, the timer still due), and the
restarted worker fires it exactly once; a worker killed after the commit leaves nothing
for the next one to fire again. The kill is simulated by an exception that no handler
catches (``BaseException``), raised at the moment the instance is saved: what SIGKILL does
to the transaction (it never commits) without killing the test's own process; the
SIGKILL rounds of real processes are in ``test_kill_rounds.py``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.processing.models import ProcessInstance, UserTask
from eoffice.processing.services import instances
from eoffice.shared.clock import frozen_at
from eoffice.shared.worker import Worker
from tests.conftest import database
from tests.unit.processing import samples

T0 = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)  # the night the clocks go back
MODEL = samples.chain("wait_two_hours", [
    samples.timer_catch("Event_two_hours_later", '"PT2H"'), samples.user_task("Task_follow_up")],
    lanes=[samples.lane("Lane_clerks", ["StartEvent_start", "Event_two_hours_later",
                                        "Task_follow_up", "EndEvent_end"])])


class Killed(BaseException):
    """The process died here: no handler runs, the transaction never commits."""


def _follow_ups(db: Session, instance_id: str) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(UserTask).where(
        UserTask.instance_id == instance_id, UserTask.spec_id == "Task_follow_up")) or 0


def _worker(app: Flask) -> Worker:
    """A worker as `eoffice worker` builds one: this application's jobs and consumers."""
    return Worker(database(app), app.extensions["eoffice.background"], max_attempts=5,
                  poll_seconds=1)


@pytest.mark.reliability
def test_a_timer_fires_once_after_its_worker_died_mid_fire(
        app: Flask, db: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    processing.deploy_model(db, MODEL, actor="test")
    with frozen_at(T0):
        row = processing.start_instance(db, model_key="wait_two_hours", subject_kind="file",
                                        subject_id="URB/2026/7", unit_code="URB", actor="test")
    db.flush()
    due = T0 + timedelta(hours=2, minutes=1)

    real_save = instances.save

    def die_while_saving(*args: Any, **kwargs: Any) -> None:
        raise Killed

    monkeypatch.setattr(instances, "save", die_while_saving)
    with frozen_at(due), pytest.raises(Killed):
        _worker(app).run_once()
    assert _follow_ups(db, row.id) == 0  # nothing of the fired timer was kept
    waiting = db.get(ProcessInstance, row.id)
    assert waiting is not None and waiting.wake_at == T0 + timedelta(hours=2)

    monkeypatch.setattr(instances, "save", real_save)
    restarted = _worker(app)
    with frozen_at(due + timedelta(seconds=5)):
        restarted.run_once()
        restarted.run_once()
    with frozen_at(due + timedelta(minutes=10)):
        _worker(app).run_once()  # yet another restart finds nothing left to fire
    assert _follow_ups(db, row.id) == 1
    fired = db.get(ProcessInstance, row.id)
    assert fired is not None and fired.wake_at is None
