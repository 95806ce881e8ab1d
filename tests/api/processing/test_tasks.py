"""The clerks' task list on the product's general-application model: tasks appear for
the lane's unit and role only, are claimed, completed with data (the process runs on to
the next unit), and a task completed twice, by the wrong unit or role, or on a changed
instance is refused without changing anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents, files, processing
from eoffice.processing.models import Intent, ProcessInstance
from tests.unit.processing import samples

Headers = Callable[[str], dict[str, str]]


@pytest.fixture
def instance(db: Session) -> ProcessInstance:
    processing.sync_product_models(db, processing.PRODUCT_MODELS)
    opened = files.open_file(db, files.NewFile(unit_code="URB", subject="Fallen tree",
                                               parties=[]), actor="registrar")
    row = processing.start_instance(db, model_key="general_application", subject_kind="file",
                                    subject_id=opened.id, unit_code="URB", actor="test")
    db.flush()
    return row


def tasks_of(client: FlaskClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = client.get("/api/v1/tasks", headers=headers)
    assert response.status_code == 200, response.get_json()
    items: list[dict[str, Any]] = response.get_json()["items"]
    return items


def only_task(client: FlaskClient, headers: dict[str, str], instance_id: str) -> dict[str, Any]:
    mine = [t for t in tasks_of(client, headers) if t["process"]["instance"] == instance_id]
    assert len(mine) == 1, mine
    return mine[0]


def complete(client: FlaskClient, headers: dict[str, str], task_id: str,
             **body: Any) -> Any:
    return client.post(f"/api/v1/tasks/{task_id}/complete", headers=headers, json=body)


def test_the_task_is_listed_for_its_unit_and_role_only(
        client: FlaskClient, token_for: Headers, instance: ProcessInstance) -> None:
    task = only_task(client, token_for("clerk"), instance.id)
    assert task["task"] == "Task_review_application"
    assert (task["unit"], task["role"], task["state"]) == ("URB", "clerk", "open")
    assert task["due_at"] is not None
    assert task["process"]["sha256"] == instance.model_sha256
    for other in ("clerk2", "head"):
        assert all(t["process"]["instance"] != instance.id
                   for t in tasks_of(client, token_for(other)))


def test_another_unit_cannot_see_the_task_and_another_role_cannot_act(
        client: FlaskClient, token_for: Headers, instance: ProcessInstance) -> None:
    task_id = only_task(client, token_for("clerk"), instance.id)["id"]
    hidden = client.post(f"/api/v1/tasks/{task_id}/claim", headers=token_for("clerk2"))
    assert hidden.status_code == 404
    assert hidden.get_json()["code"] == "processing.unknown_task"
    wrong_role = complete(client, token_for("head"), task_id, data={})
    assert wrong_role.status_code == 403
    assert wrong_role.get_json()["code"] == "processing.not_your_lane"


def test_a_claimed_task_is_only_completed_by_whoever_claimed_it(
        client: FlaskClient, token_for: Headers, instance: ProcessInstance,
        db: Session) -> None:
    from eoffice import identity  # noqa: PLC0415
    identity.assign_role(db, identity.get_account(db, "clerk2"), "clerk", unit_code="URB",
                         actor="test")
    db.flush()
    task_id = only_task(client, token_for("clerk"), instance.id)["id"]
    claimed = client.post(f"/api/v1/tasks/{task_id}/claim", headers=token_for("clerk"))
    assert claimed.status_code == 200 and claimed.get_json()["claimed_by"] == "clerk"
    taken = complete(client, token_for("clerk2"), task_id, data={})
    assert taken.status_code == 409 and taken.get_json()["code"] == "processing.task_claimed"
    released = client.post(f"/api/v1/tasks/{task_id}/unclaim", headers=token_for("clerk"))
    assert released.get_json()["claimed_by"] is None


def test_the_process_runs_from_unit_to_unit_until_resolved(
        client: FlaskClient, token_for: Headers, instance: ProcessInstance,
        db: Session) -> None:
    review = only_task(client, token_for("clerk"), instance.id)
    done = complete(client, token_for("clerk"), review["id"],
                    data={"report_unit": "HAC"})
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["state"] == "completed"

    report = only_task(client, token_for("clerk2"), instance.id)
    assert (report["task"], report["unit"]) == ("Task_write_report", "HAC")
    done = complete(client, token_for("clerk2"), report["id"], data={"summary": "Fine."})
    assert done.status_code == 200, done.get_json()

    draft = only_task(client, token_for("clerk"), instance.id)
    assert draft["task"] == "Task_draft_resolution"
    done = complete(client, token_for("clerk"), draft["id"],
                    data={"decision": "granted", "resolution_text": "Granted."})
    assert done.status_code == 200, done.get_json()

    waiting, _done = documents.list_tray(db, "head")  # the head signs it in the tray
    assert [circuit.title for circuit in waiting] == [
        f"Resolución {files.numbers_of(db, [instance.subject_id])[instance.subject_id]}"]
    assert db.scalars(select(Intent).where(Intent.instance_id == instance.id)).all() == []


def test_a_task_completed_twice_is_refused_the_second_time(
        client: FlaskClient, token_for: Headers, instance: ProcessInstance) -> None:
    task_id = only_task(client, token_for("clerk"), instance.id)["id"]
    assert complete(client, token_for("clerk"), task_id, data={}).status_code == 200
    again = complete(client, token_for("clerk"), task_id, data={})
    assert again.status_code == 409
    assert again.get_json()["code"] == "processing.task_not_ready"


def test_a_stale_instance_version_is_a_conflict(
        client: FlaskClient, token_for: Headers, instance: ProcessInstance) -> None:
    task = only_task(client, token_for("clerk"), instance.id)
    stale = task["process"]["instance_version"] - 1
    refused = complete(client, token_for("clerk"), task["id"], data={},
                       instance_version=stale)
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "processing.instance_changed"
    assert only_task(client, token_for("clerk"), instance.id)["state"] == "open"


def test_a_failing_step_names_its_element_and_changes_nothing(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    model = samples.chain("test_failing_step", [
        samples.user_task("Task_review"), samples.script_task("Task_record", "done = missing")],
        lanes=[samples.lane("Lane_clerks", ["StartEvent_start", "Task_review", "Task_record",
                                            "EndEvent_end"])])
    processing.deploy_model(db, model, actor="test")
    row = processing.start_instance(db, model_key="test_failing_step", subject_kind="file",
                                    subject_id="URB/2026/000043", unit_code="URB",
                                    actor="test")
    db.flush()
    review = only_task(client, token_for("clerk"), row.id)
    failed = complete(client, token_for("clerk"), review["id"], data={})
    assert failed.status_code == 422
    problem = failed.get_json()
    assert problem["code"] == "processing.step_failed"
    assert problem["errors"][0]["field"] == "Task_record"
    assert "unknown variable 'missing'" in problem["errors"][0]["message"]
    assert only_task(client, token_for("clerk"), row.id)["id"] == review["id"]
