"""Timers fire when the worker's poller finds them due (SpiffWorkflow only fires a timer
when its waiting task is refreshed), on the shared clock that tests freeze."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.processing.models import ProcessInstance, UserTask
from eoffice.shared.clock import frozen_at
from tests.conftest import database
from tests.unit.processing import samples

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MODEL = samples.chain("wait_an_hour", [
    samples.timer_catch("Event_one_hour_later", '"PT1H"'), samples.user_task("Task_follow_up")],
    lanes=[samples.lane("Lane_clerks", ["StartEvent_start", "Event_one_hour_later",
                                        "Task_follow_up", "EndEvent_end"])])


def test_a_timer_fires_once_due_and_not_before(app: Flask, db: Session) -> None:
    processing.deploy_model(db, MODEL, actor="test")
    with frozen_at(T0):
        row = processing.start_instance(db, model_key="wait_an_hour", subject_kind="file",
                                        subject_id="URB/2026/7", unit_code="URB",
                                        actor="test")
    db.flush()
    assert row.wake_at == T0 + timedelta(hours=1)
    assert processing.TIMER_JOB in app.extensions["eoffice.background"].jobs

    def open_tasks() -> list[str]:
        return list(db.scalars(select(UserTask.spec_id).where(
            UserTask.instance_id == row.id, UserTask.state == "open")))

    with frozen_at(T0 + timedelta(minutes=30)):
        assert processing.run_timer_job(database(app)) == 0
    assert open_tasks() == []

    with frozen_at(T0 + timedelta(minutes=61)):
        assert processing.run_timer_job(database(app)) == 1
        assert processing.run_timer_job(database(app)) == 0  # fired once
    db.expire_all()
    assert open_tasks() == ["Task_follow_up"]
    refreshed = db.get(ProcessInstance, row.id)
    assert refreshed is not None and refreshed.wake_at is None


def test_a_failing_timer_step_puts_only_its_instance_in_error(app: Flask, db: Session) -> None:
    failing = samples.chain("wait_then_fail", [
        samples.timer_catch("Event_later", '"PT5M"'),
        samples.script_task("Task_compute", "total = missing_variable + 1")])
    processing.deploy_model(db, failing, actor="test")
    with frozen_at(T0):
        row = processing.start_instance(db, model_key="wait_then_fail", subject_kind="file",
                                        subject_id="URB/2026/8", unit_code="URB",
                                        actor="test")
    db.flush()
    with frozen_at(T0 + timedelta(minutes=6)):
        processing.run_timer_job(database(app))
    db.expire_all()
    failed = db.get(ProcessInstance, row.id)
    assert failed is not None and failed.status == "error"
    assert failed.error is not None
    assert "Task_compute" in failed.error and "missing_variable" in failed.error
