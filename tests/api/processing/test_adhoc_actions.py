"""Ad-hoc actions the model allows: while URB's clerk reviews a minor-works application,
the file page offers "Add documents to the file" (a non-interrupting boundary message
event of the model); starting it opens the add-documents task beside the review. An
action the process no longer waits for, or never did, is a message and changes nothing;
a clerk of another unit cannot start it (404)."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.processing.models import ProcessInstance
from tests.api.processing.test_file_panel import open_minor_works
from tests.conftest import csrf_from, sign_in
from tests.scenarios import steps

ACTION = "adhoc_add_documents"


def _instance_version(db: Session, file_id: str) -> int:
    db.expire_all()
    return db.scalars(select(ProcessInstance.version)
                      .where(ProcessInstance.subject_id == file_id)).one()


def _open_task_names(db: Session, file_id: str) -> list[str]:
    return sorted(task.spec_id for task in steps.open_tasks(db, file_id))


def test_the_clerk_starts_the_action_the_model_offers_and_its_task_appears(
        app: Flask, client: FlaskClient, db: Session) -> None:
    opened = open_minor_works(app, db)
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/files/{opened.number}?lang=en").get_data(as_text=True)
    actions = re.search(r'data-testid="adhoc-actions">(.*?)</ul>', page, re.S)
    assert actions, "the review is waiting: the model's ad-hoc action is offered"
    assert f'action="/backoffice/files/{opened.number}/actions/{ACTION}"' in actions.group(1)
    assert "Add documents to the file" in actions.group(1)

    started = client.post(f"/backoffice/files/{opened.number}/actions/{ACTION}?lang=en",
                          data={"csrf_token": csrf_from(page)}, follow_redirects=True)
    assert started.status_code == 200
    html = started.get_data(as_text=True)
    assert "The action is started" in html
    assert _open_task_names(db, opened.id) == ["Task_add_documents", "Task_review_application"]
    added = next(t for t in steps.open_tasks(db, opened.id) if t.spec_id == "Task_add_documents")
    assert f'href="/backoffice/tasks/{added.id}"' in html  # hers: linked from the panel
    assert db.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "processing.message_delivered",
        AuditEvent.actor == "clerk",
        AuditEvent.object_id == steps.instance_of(db, opened.id).id)) == 1
    # offered once: the boundary event has fired, the action is no longer listed
    assert 'data-testid="adhoc-actions"' not in html

    version = _instance_version(db, opened.id)
    again = client.post(f"/backoffice/files/{opened.number}/actions/{ACTION}?lang=en",
                        data={"csrf_token": csrf_from(html)}, follow_redirects=True)
    assert "That action is not available on this file now." in again.get_data(as_text=True)
    assert _instance_version(db, opened.id) == version
    assert _open_task_names(db, opened.id) == ["Task_add_documents", "Task_review_application"]


def test_an_action_the_process_does_not_wait_for_changes_nothing(
        app: Flask, client: FlaskClient, db: Session) -> None:
    opened = open_minor_works(app, db)
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/files/{opened.number}").get_data(as_text=True)
    version = _instance_version(db, opened.id)
    for message in ("adhoc_hearing", "signature_done"):
        refused = client.post(f"/backoffice/files/{opened.number}/actions/{message}?lang=en",
                              data={"csrf_token": csrf_from(page)}, follow_redirects=True)
        assert refused.status_code == 200
        assert "That action is not available on this file now." in refused.get_data(
            as_text=True)
    assert _instance_version(db, opened.id) == version
    assert _open_task_names(db, opened.id) == ["Task_review_application"]


def test_a_clerk_of_another_unit_cannot_start_it(
        app: Flask, client: FlaskClient, db: Session) -> None:
    opened = open_minor_works(app, db)
    version = _instance_version(db, opened.id)
    sign_in(client, "clerk2")
    page = client.get("/backoffice/tasks").get_data(as_text=True)
    refused = client.post(f"/backoffice/files/{opened.number}/actions/{ACTION}",
                          data={"csrf_token": csrf_from(page)})
    assert refused.status_code == 404
    assert client.post(f"/backoffice/files/URB-LIC/1999/999999/actions/{ACTION}",
                       data={"csrf_token": csrf_from(page)}).status_code == 404
    citizen = app.test_client()
    sign_in(citizen, "ana")
    home = citizen.get("/").get_data(as_text=True)
    assert citizen.post(f"/backoffice/files/{opened.number}/actions/{ACTION}",
                        data={"csrf_token": csrf_from(home)}).status_code == 403
    assert _instance_version(db, opened.id) == version
    assert _open_task_names(db, opened.id) == ["Task_review_application"]
