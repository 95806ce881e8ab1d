"""Test-runs as a service: a model that goes on too long stops at the step limit, one
waiting on a timer says so, and the real operators are never called."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.processing.models import Intent
from eoffice.processing.services import test_run
from tests.conftest import sign_in
from tests.unit.processing import samples


def test_a_model_running_past_the_step_limit_stops_there(db: Session) -> None:
    model = samples.chain("long_one", [samples.script_task(f"Task_{n}", f"n{n} = {n}")
                                       for n in range(5)])
    report = test_run.run_trial(db, model, sample={}, actor="admin", max_steps=3)
    assert report.outcome == test_run.Outcome.STEP_LIMIT
    assert report.steps == 3


def test_a_model_waiting_on_a_timer_says_for_what(db: Session) -> None:
    model = samples.chain("sleeps", [samples.timer_catch("Event_wait", '"P10D"')])
    report = test_run.run_trial(db, model, sample={}, actor="admin")
    assert report.outcome == test_run.Outcome.WAITING
    assert [(w.element, w.kind) for w in report.waiting] == [("Event_wait", "timer")]


def test_operators_only_record_their_calls_in_a_test_run(db: Session) -> None:
    model = samples.chain("renders", [samples.service_task(
        "Task_render", "render_document", {"template": "&quot;resolution&quot;"})])
    before = db.scalar(select(func.count()).select_from(Intent))
    report = test_run.run_trial(db, model, sample={}, actor="admin")
    assert report.outcome == test_run.Outcome.ENDED
    assert [(c.element, c.operator, c.params) for c in report.calls] == [
        ("Task_render", "render_document", {"template": "resolution"})]
    assert db.scalar(select(func.count()).select_from(Intent)) == before


def test_an_unknown_model_page_is_not_found(client: FlaskClient) -> None:
    sign_in(client, "admin")
    assert client.get("/admin/process-models/no_such_model").status_code == 404
    assert client.get("/admin/process-models/general_application/versions/999").status_code \
        == 404
