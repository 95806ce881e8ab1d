"""The admin page of a model's migration: the dry run lists each running instance with
whether it can move and why not; moving the instances ticked moves those and only those;
a clerk gets 403 and an unknown model 404."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.processing.models import ProcessInstance
from tests.api.processing.test_migration_api import KEY, model, start
from tests.conftest import csrf_from, sign_in


def test_the_administrator_sees_the_dry_run_and_moves_the_instances_ticked(
        app: Flask, client: FlaskClient, db: Session) -> None:
    processing.deploy_model(db, model("Task_review"), actor="test")
    movable = start(db, 911)
    processing.deploy_model(db, model("Task_decide"), actor="test")
    on_v2 = start(db, 912)
    processing.deploy_model(db, model("Task_decide", "Task_notify"), actor="test")
    before = {movable.id: movable.state, on_v2.id: on_v2.model_sha256}
    sign_in(client, "admin")

    page = client.get(f"/admin/process-models/{KEY}/migration?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'data-testid="instance-{movable.id}"' in html
    assert f'value="{on_v2.id}" checked' in html
    assert f'value="{movable.id}"' not in html  # cannot move: no box to tick
    assert "The instance waits on Task_review, which is not in version 3." in html

    moved = client.post(f"/admin/process-models/{KEY}/migration?lang=en", data={
        "csrf_token": csrf_from(html), "to_version": "3", "instances": [on_v2.id]},
        follow_redirects=True)
    assert "1 of 1 instances moved to version 3." in moved.get_data(as_text=True)
    db.expire_all()
    row, kept = db.get(ProcessInstance, on_v2.id), db.get(ProcessInstance, movable.id)
    assert row is not None and kept is not None
    assert row.model_sha256 != before[on_v2.id]
    assert kept.state == before[movable.id]
    assert f'data-testid="instance-{on_v2.id}"' not in moved.get_data(as_text=True)


def test_a_clerk_cannot_open_the_migration_page_and_an_unknown_model_is_not_found(
        app: Flask, client: FlaskClient, db: Session) -> None:
    processing.deploy_model(db, model("Task_review"), actor="test")
    sign_in(client, "clerk")
    assert client.get(f"/admin/process-models/{KEY}/migration").status_code == 403
    admin = app.test_client()
    sign_in(admin, "admin")
    assert admin.get("/admin/process-models/no_such_model/migration").status_code == 404
