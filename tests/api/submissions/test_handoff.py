"""The hand-off: once registered, the worker hands the application over to processing
(the submission becomes ``handed_over`` and the case's BPMN process starts for its file,
with a task for the unit's clerks); a failed hand-off stays registered, is retried, and
is shown to operators until it succeeds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice.files import OPENED_TOPIC
from eoffice.files.models import AdministrativeFile
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from eoffice.submissions.models import Submission
from eoffice.submissions.services import handoff
from tests.api.submissions.test_submit_api import validated
from tests.conftest import csrf_from, run_worker, sign_in

Headers = Callable[[str], dict[str, str]]


@pytest.fixture(autouse=True)
def settled_outbox(db: Session) -> None:
    """Messages the demo city left behind are out of the way (inside this test only)."""
    db.execute(update(OutboxMessage).values(status=OutboxStatus.DONE))


def _registered(client: FlaskClient, ana: dict[str, str]) -> str:
    path = validated(client, ana)
    assert client.post(f"{path}/submit", json={}, headers=ana).get_json()["status"] == \
        "registered"
    return path


def file_id(db: Session, path: str) -> str:
    submission = db.get_one(Submission, path.rsplit("/", 1)[-1])
    found = db.scalar(select(AdministrativeFile.id).where(
        AdministrativeFile.submission_id == submission.id))
    assert found is not None
    return found


def _hand_off_message(db: Session) -> OutboxMessage:
    return db.scalars(select(OutboxMessage).where(OutboxMessage.topic == OPENED_TOPIC)
                      .order_by(OutboxMessage.id.desc())).first()  # type: ignore[return-value]


def test_the_worker_hands_a_registered_application_over(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    path = _registered(client, ana)
    before = client.get(path, headers=ana).get_json()["history"]
    run_worker(app)
    shown = client.get(path, headers=ana).get_json()
    assert shown["status"] == "handed_over" and shown["file_number"].startswith("URB/")
    assert shown["history"][:-1] == before
    assert shown["history"][-1]["actor"] == "worker"
    tasks = client.get("/api/v1/tasks?page_size=100", headers=token_for("clerk")).get_json()
    started = [t for t in tasks["items"] if t["process"]["subject_id"] == file_id(db, path)]
    assert [t["name"] for t in started] == ["Review the application"]  # the case's process
    assert started[0]["unit"] == "URB"

    run_worker(app)  # delivered again (at least once): nothing changes
    assert client.get(path, headers=ana).get_json()["history"] == shown["history"]
    again = client.get("/api/v1/tasks?page_size=100", headers=token_for("clerk")).get_json()
    assert again["total"] == tasks["total"]  # no second instance


def test_a_failed_hand_off_is_retried_and_shown_to_operators(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ana = token_for("ana")
    path = _registered(client, ana)

    def unavailable(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("processing is unavailable")

    monkeypatch.setattr(handoff, "step", unavailable)
    run_worker(app)
    assert client.get(path, headers=ana).get_json()["status"] == "registered"  # not lost
    message = _hand_off_message(db)
    assert message.status == OutboxStatus.PENDING and message.attempts == 1

    sign_in(client, "clerk")
    assert client.get("/admin/background-work").status_code == 403
    client.post("/sign-out", data={"csrf_token": csrf_from(client.get("/").get_data(
        as_text=True))})
    sign_in(client, "admin")
    page = client.get("/admin/background-work").get_data(as_text=True)
    assert OPENED_TOPIC in page and "processing is unavailable" in page

    monkeypatch.undo()
    retried = client.post(f"/admin/background-work/{message.id}/retry",
                          data={"csrf_token": csrf_from(page)})
    assert retried.status_code == 303
    run_worker(app)
    assert client.get(path, headers=ana).get_json()["status"] == "handed_over"
    assert "processing is unavailable" not in client.get(
        "/admin/background-work").get_data(as_text=True)
