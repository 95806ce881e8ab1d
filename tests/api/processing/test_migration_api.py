"""Moving running instances to a new version of their model through the API: the dry run
says which can move and why others cannot and changes nothing; the migration moves those
that can (the clerk then meets the new step), leaves the others intact and is audited;
only administrators of processes may do it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.audit.models import AuditEvent
from eoffice.processing.models import ProcessInstance, UserTask
from tests.unit.processing.samples import chain, lane, user_task

Headers = Callable[[str], dict[str, str]]
KEY = "test_moving"


def model(*tasks: str) -> bytes:
    return chain(KEY, [user_task(task) for task in tasks],
                 lanes=[lane("Lane_clerks", ["StartEvent_start", *tasks, "EndEvent_end"])])


def start(db: Session, number: int) -> ProcessInstance:
    row = processing.start_instance(db, model_key=KEY, subject_kind="file",
                                    subject_id=f"URB/2026/{number:06d}", unit_code="URB",
                                    actor="test")
    db.flush()
    return row


@pytest.fixture
def waiting(db: Session) -> ProcessInstance:
    """An instance of version 1 waiting on the clerk's review."""
    processing.deploy_model(db, model("Task_review"), actor="test")
    return start(db, 901)


def migrate(client: FlaskClient, headers: dict[str, str], **body: Any) -> Any:
    return client.post(f"/api/v1/process-models/{KEY}/migrations", headers=headers, json=body)


def open_tasks(db: Session, instance: ProcessInstance) -> list[UserTask]:
    return list(db.scalars(select(UserTask).where(UserTask.instance_id == instance.id,
                                                  UserTask.state == "open")))


def events(db: Session, instance: ProcessInstance) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).where(
        AuditEvent.action == "processing.instance_migrated",
        AuditEvent.object_id == instance.id)))


def test_an_instance_moves_to_a_version_that_keeps_its_task_and_meets_the_new_step(
        client: FlaskClient, token_for: Headers, db: Session,
        waiting: ProcessInstance) -> None:
    processing.deploy_model(db, model("Task_review", "Task_inspect"), actor="test")
    task_id = open_tasks(db, waiting)[0].id

    response = migrate(client, token_for("admin"), dry_run=False)

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["to_version"] == 2 and body["dry_run"] is False
    assert body["items"] == [{"instance": waiting.id, "subject_kind": "file",
                              "subject_id": "URB/2026/000901", "from_version": 1,
                              "can_move": True, "reasons": [], "migrated": True}]
    (event,) = events(db, waiting)
    assert event.actor == "admin"
    assert (event.data["from"], event.data["to"]) == (f"{KEY}/1", f"{KEY}/2")

    done = client.post(f"/api/v1/tasks/{task_id}/complete", headers=token_for("clerk"),
                       json={"data": {}})
    assert done.status_code == 200, done.get_json()
    listed = client.get("/api/v1/tasks", headers=token_for("clerk")).get_json()["items"]
    mine = [task for task in listed if task["process"]["instance"] == waiting.id]
    assert [task["task"] for task in mine] == ["Task_inspect"]


def test_an_instance_waiting_on_a_removed_task_is_refused_and_stays_intact(
        client: FlaskClient, token_for: Headers, db: Session,
        waiting: ProcessInstance) -> None:
    processing.deploy_model(db, model("Task_decide"), actor="test")
    state, version = waiting.state, waiting.version

    response = migrate(client, token_for("admin"), dry_run=False)

    assert response.status_code == 200, response.get_json()
    (item,) = response.get_json()["items"]
    assert (item["can_move"], item["migrated"]) == (False, False)
    assert item["reasons"] == ["The instance waits on Task_review, which is not in version 2."]
    db.expire_all()
    row = db.get(ProcessInstance, waiting.id)
    assert row is not None
    assert (row.state, row.version) == (state, version)
    assert [task.spec_id for task in open_tasks(db, row)] == ["Task_review"]
    assert events(db, row) == []


def test_a_dry_run_says_who_can_move_and_changes_nothing(
        client: FlaskClient, token_for: Headers, db: Session,
        waiting: ProcessInstance) -> None:
    processing.deploy_model(db, model("Task_review", "Task_inspect"), actor="test")
    newer = start(db, 902)  # already on version 2: not a candidate
    state, version = waiting.state, waiting.version

    response = migrate(client, token_for("admin"))

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["dry_run"] is True
    assert [(i["instance"], i["can_move"], i["migrated"]) for i in body["items"]] == [
        (waiting.id, True, False)]
    db.expire_all()
    row = db.get(ProcessInstance, waiting.id)
    assert row is not None and (row.state, row.version) == (state, version)
    assert events(db, row) == [] and newer.id not in str(body)


def test_chosen_instances_to_an_older_version_and_bad_requests(
        client: FlaskClient, token_for: Headers, db: Session,
        waiting: ProcessInstance) -> None:
    processing.deploy_model(db, model("Task_review", "Task_inspect"), actor="test")
    newer = start(db, 903)

    back = migrate(client, token_for("admin"), to_version=1, instances=[newer.id])
    assert back.status_code == 200, back.get_json()
    assert [(i["instance"], i["from_version"], i["can_move"]) for i in
            back.get_json()["items"]] == [(newer.id, 2, True)]

    unknown = migrate(client, token_for("admin"), to_version=7)
    assert unknown.status_code == 422
    assert unknown.get_json()["errors"][0]["field"] == "to_version"
    foreign = migrate(client, token_for("admin"), instances=["not-an-instance"])
    assert foreign.status_code == 422
    assert foreign.get_json()["errors"][0]["field"] == "instances"
    malformed = migrate(client, token_for("admin"), to_version="latest")
    assert malformed.status_code == 422
    assert malformed.headers["Content-Type"].startswith("application/problem+json")
    missing = client.post("/api/v1/process-models/no_such_model/migrations",
                          headers=token_for("admin"), json={})
    assert missing.status_code == 404
    assert missing.get_json()["code"] == "processing.unknown_model"


def test_a_clerk_cannot_migrate_instances(
        client: FlaskClient, token_for: Headers, db: Session,
        waiting: ProcessInstance) -> None:
    processing.deploy_model(db, model("Task_review", "Task_inspect"), actor="test")
    version_1 = waiting.model_sha256
    refused = migrate(client, token_for("clerk"), dry_run=False)
    assert refused.status_code == 403
    db.expire_all()
    row = db.get(ProcessInstance, waiting.id)
    assert row is not None and row.model_sha256 == version_1
