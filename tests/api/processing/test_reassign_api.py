"""Reassigning tasks with a reason, and bulk actions on several tasks, through the API and
the clerk's task list: a reason is required, the new holder sees the task as theirs,
nobody of another unit can receive it, only the holder or a head may reassign, and a bulk
action with one refused task changes nothing and names that task."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import identity, processing
from eoffice.audit.models import AuditEvent
from eoffice.processing.models import UserTask
from tests.conftest import csrf_from, sign_in

Headers = Callable[[str], dict[str, str]]


def task_of(db: Session, unit: str, number: int) -> UserTask:
    """The open review task of a new general application of ``unit``."""
    row = processing.start_instance(db, model_key="general_application", subject_kind="file",
                                    subject_id=f"{unit}/2026/{number:06d}", unit_code=unit,
                                    actor="test")
    db.flush()
    return db.scalars(select(UserTask).where(UserTask.instance_id == row.id)).one()


@pytest.fixture
def review(db: Session) -> UserTask:
    processing.sync_product_models(db, processing.PRODUCT_MODELS)
    identity.assign_role(db, identity.get_account(db, "clerk2"), "clerk", unit_code="URB",
                         actor="test")  # a second clerk of URB
    db.flush()
    return task_of(db, "URB", 801)


def post(client: FlaskClient, headers: dict[str, str], path: str, **body: Any) -> Any:
    return client.post(f"/api/v1/tasks{path}", headers=headers, json=body)


def holder(db: Session, task: UserTask) -> str | None:
    db.expire_all()
    row = db.get(UserTask, task.id)
    assert row is not None
    return row.claimed_by


def test_a_reassignment_needs_a_reason_and_changes_nothing_without_one(
        client: FlaskClient, token_for: Headers, db: Session, review: UserTask) -> None:
    clerk = token_for("clerk")
    assert post(client, clerk, f"/{review.id}/claim").status_code == 200
    for body in ({"to": "clerk2"}, {"to": "clerk2", "reason": ""},
                 {"to": "clerk2", "reason": "x" * 1001}):
        refused = post(client, clerk, f"/{review.id}/reassign", **body)
        assert refused.status_code == 422, body
        assert refused.get_json()["errors"][0]["field"] == "reason"
    assert holder(db, review) == "clerk"


def test_the_holder_reassigns_and_the_new_holder_sees_the_task_as_theirs(
        client: FlaskClient, token_for: Headers, db: Session, review: UserTask) -> None:
    post(client, token_for("clerk"), f"/{review.id}/claim")
    moved = post(client, token_for("clerk"), f"/{review.id}/reassign", to="clerk2",
                 reason="Clara is on leave next week.")
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["claimed_by"] == "clerk2"

    listed = client.get("/api/v1/tasks", headers=token_for("clerk2")).get_json()["items"]
    assert [t["claimed_by"] for t in listed if t["id"] == review.id] == ["clerk2"]
    event = db.scalars(select(AuditEvent).where(
        AuditEvent.action == "processing.task_reassigned",
        AuditEvent.object_id == review.id)).one()
    assert event.data == {"from": "clerk", "to": "clerk2",
                          "reason": "Clara is on leave next week."}


def test_someone_of_another_unit_cannot_receive_the_task(
        client: FlaskClient, token_for: Headers, db: Session, review: UserTask) -> None:
    post(client, token_for("clerk"), f"/{review.id}/claim")
    for outsider in ("technician", "nobody_by_that_login"):
        refused = post(client, token_for("clerk"), f"/{review.id}/reassign", to=outsider,
                       reason="Their office knows the street.")
        assert refused.status_code == 422
        assert refused.get_json()["errors"][0] == {
            "field": "to", "code": "processing.not_eligible",
            "message": "This person cannot take the task: they do not process files of "
                       "its unit in the role of its lane."}
    assert holder(db, review) == "clerk"


def test_only_the_holder_or_a_head_of_the_unit_may_reassign(
        client: FlaskClient, token_for: Headers, db: Session, review: UserTask) -> None:
    post(client, token_for("clerk"), f"/{review.id}/claim")
    colleague = post(client, token_for("clerk2"), f"/{review.id}/reassign", to="clerk2",
                     reason="I will do it.")
    assert colleague.status_code == 403
    assert colleague.get_json()["code"] == "processing.not_task_holder"
    assert holder(db, review) == "clerk"

    back = post(client, token_for("head"), f"/{review.id}/reassign", to=None,
                reason="Clara is ill: the unit takes it over.")
    assert back.status_code == 200, back.get_json()
    assert back.get_json()["claimed_by"] is None
    outside = task_of(db, "HAC", 802)
    hidden = post(client, token_for("head"), f"/{outside.id}/reassign", to=None,
                  reason="Not mine.")
    assert hidden.status_code == 404


def test_a_bulk_action_with_one_foreign_task_changes_nothing_and_names_it(
        client: FlaskClient, token_for: Headers, db: Session, review: UserTask) -> None:
    second = task_of(db, "URB", 803)
    foreign = task_of(db, "HAC", 804)
    clerk = token_for("clerk")

    refused = post(client, clerk, "/bulk", action="claim", reason="Monday batch.",
                   tasks=[review.id, foreign.id, second.id])
    assert refused.status_code == 409
    body = refused.get_json()
    assert body["code"] == "processing.bulk_refused"
    assert [(e["field"], e["code"]) for e in body["errors"]] == [
        (foreign.id, "processing.unknown_task")]
    assert (holder(db, review), holder(db, second)) == (None, None)

    assert post(client, clerk, "/bulk", action="claim",
                tasks=[review.id, second.id]).status_code == 422  # no reason
    done = post(client, clerk, "/bulk", action="claim", reason="Monday batch.",
                tasks=[review.id, second.id])
    assert done.status_code == 200, done.get_json()
    assert [t["claimed_by"] for t in done.get_json()["items"]] == ["clerk", "clerk"]
    moved = post(client, clerk, "/bulk", action="reassign", to="clerk2",
                 reason="Jordi takes my files.", tasks=[review.id, second.id])
    assert moved.status_code == 200, moved.get_json()
    assert (holder(db, review), holder(db, second)) == ("clerk2", "clerk2")


def test_the_task_list_takes_and_reassigns_the_tasks_ticked(
        client: FlaskClient, db: Session, review: UserTask) -> None:
    second = task_of(db, "URB", 805)
    sign_in(client, "clerk")
    page = client.get("/backoffice/tasks?lang=en").get_data(as_text=True)
    assert re.search(r'<option value="clerk2">Jordi Navarro Gil \(URB\)</option>', page)
    token = csrf_from(page)

    without_reason = client.post("/backoffice/tasks/bulk", data={
        "csrf_token": token, "tasks": [review.id, second.id], "action": "claim",
        "reason": " "})
    assert without_reason.status_code == 422
    html = without_reason.get_data(as_text=True)
    assert 'data-testid="bulk-errors"' in html and "Give a reason." in html
    assert html.count("checked") >= 2  # what was ticked stays ticked
    assert holder(db, review) is None

    taken = client.post("/backoffice/tasks/bulk", data={
        "csrf_token": token, "tasks": [review.id, second.id], "action": "claim",
        "reason": "Today's batch."}, follow_redirects=True)
    assert "2 tasks are yours." in taken.get_data(as_text=True)

    given = client.post("/backoffice/tasks/bulk", data={
        "csrf_token": token, "tasks": [second.id], "action": "reassign", "to": "technician",
        "reason": "Technical question."})
    assert given.status_code == 409
    assert "This person cannot take the task" in given.get_data(as_text=True)

    given = client.post("/backoffice/tasks/bulk", data={
        "csrf_token": token, "tasks": [second.id], "action": "reassign", "to": "clerk2",
        "reason": "Jordi knows this street."}, follow_redirects=True)
    assert "1 task reassigned to clerk2." in given.get_data(as_text=True)
    assert (holder(db, review), holder(db, second)) == ("clerk", "clerk2")
