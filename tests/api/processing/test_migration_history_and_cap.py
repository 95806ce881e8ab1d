"""Migration through the API on instances loaded from the database (their saved state has
forgotten the finished steps): a step inserted before the waiting one is refused, as it
would be in memory; and one call handles at most ``MAX_PER_CALL`` instances, saying how
many were left out (API and page)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.processing.models import ProcessInstance
from eoffice.processing.services import migration
from tests.api.processing.test_migration_api import (
    Headers,
    migrate,
    model,
    open_tasks,
    start,
)
from tests.conftest import sign_in


def test_a_step_inserted_before_the_waiting_one_is_refused_for_a_saved_instance(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    processing.deploy_model(db, model("Task_a", "Task_b", "Task_review"), actor="test")
    row = start(db, 921)
    for expected in ("Task_a", "Task_b"):
        (task,) = open_tasks(db, row)
        assert task.spec_id == expected
        done = client.post(f"/api/v1/tasks/{task.id}/complete", headers=token_for("clerk"),
                           json={"data": {}})
        assert done.status_code == 200, done.get_json()
    processing.deploy_model(db, model("Task_a", "Task_new", "Task_b", "Task_review"),
                            actor="test")

    response = migrate(client, token_for("admin"), dry_run=False)

    assert response.status_code == 200, response.get_json()
    (item,) = response.get_json()["items"]
    assert (item["can_move"], item["migrated"]) == (False, False)
    assert item["reasons"] == ["The instance has passed Task_a, and the steps after it "
                               "changed in version 2: it would skip them."]
    db.expire_all()
    kept = db.get(ProcessInstance, row.id)
    assert kept is not None and [t.spec_id for t in open_tasks(db, kept)] == ["Task_review"]


def test_one_call_handles_at_most_the_cap_and_says_how_many_were_left_out(
        client: FlaskClient, token_for: Headers, db: Session,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migration, "MAX_PER_CALL", 2)
    processing.deploy_model(db, model("Task_review"), actor="test")
    started = [start(db, number) for number in (931, 932, 933)]
    processing.deploy_model(db, model("Task_review", "Task_inspect"), actor="test")

    body = migrate(client, token_for("admin")).get_json()

    assert (len(body["items"]), body["left_out"]) == (2, 1)
    moved = migrate(client, token_for("admin"), dry_run=False).get_json()
    assert (len(moved["items"]), moved["left_out"]) == (2, 1)
    rest = migrate(client, token_for("admin"), dry_run=False).get_json()
    assert (len(rest["items"]), rest["left_out"]) == (1, 0)
    assert {item["instance"] for item in moved["items"] + rest["items"]} == {
        row.id for row in started}
    chosen = migrate(client, token_for("admin"), instances=[row.id for row in started])
    assert (len(chosen.get_json()["items"]), chosen.get_json()["left_out"]) == (2, 1)


def test_the_page_says_how_many_instances_were_left_out(
        client: FlaskClient, db: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migration, "MAX_PER_CALL", 1)
    processing.deploy_model(db, model("Task_review"), actor="test")
    for number in (941, 942):
        start(db, number)
    processing.deploy_model(db, model("Task_review", "Task_inspect"), actor="test")
    sign_in(client, "admin")

    html = client.get("/admin/process-models/test_moving/migration?lang=en").get_data(
        as_text=True)

    assert html.count('data-testid="instance-') == 1
    assert ("Only the 1 oldest instances are shown; 1 more are left out. Move these first, "
            "then check again.") in html
