"""The page of one task: URB's clerk sees the task's form beside the file's application,
completes it and the process moves on; invalid answers come back with the error summary
and change nothing; another unit's clerk is told there is no such task; a completed task
shows who completed it, and completing it again is refused with a message."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.processing.models import ProcessInstance, UserTask
from tests.api.files.sent import Headers, send_application
from tests.api.processing import task_models as models
from tests.conftest import csrf_from, sign_in


@pytest.fixture
def filed(client: FlaskClient, db: Session, token_for: Headers) -> tuple[str, ProcessInstance]:
    """A general application sent by ana (file of URB) and a form task on its file."""
    number = send_application(client, token_for)["file"]["number"]
    instance = models.start(db, models.form_model(), subject_id=models.file_id_of(db, number))
    return number, instance


def task_of(db: Session, instance: ProcessInstance, spec_id: str = models.FORM_TASK) -> UserTask:
    task = models.open_task(db, instance, spec_id)
    assert task is not None, f"{spec_id} is open"
    return task


def test_the_clerk_sees_the_task_form_beside_the_application(
        client: FlaskClient, db: Session, filed: tuple[str, ProcessInstance]) -> None:
    number, instance = filed
    task = task_of(db, instance)
    sign_in(client, "clerk")
    listed = client.get("/backoffice/tasks?lang=en").get_data(as_text=True)
    assert f'href="/backoffice/tasks/{task.id}">{models.FORM_TASK}</a>' in listed

    page = client.get(f"/backoffice/tasks/{task.id}?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    work = html.split('data-testid="task-work"', 1)[1].split('data-testid="task-application"')[0]
    assert 'name="kind"' in work and 'name="subject"' in work  # the complaint form
    assert 'data-testid="complete"' in work
    application = html.split('data-testid="task-application"', 1)[1]
    assert "Fallen tree" in application and "A tree fell on Carrer Major." in application
    assert f'href="/backoffice/tasks/{task.id}/documents/1"' in application
    assert f'href="/backoffice/files/{number}"' in html
    assert "URB \u2013 Urban Planning Service" in html


def test_another_units_clerk_is_told_there_is_no_such_task(
        app: Flask, db: Session, filed: tuple[str, ProcessInstance]) -> None:
    task = task_of(db, filed[1])
    other = app.test_client()
    sign_in(other, "clerk2")
    assert other.get(f"/backoffice/tasks/{task.id}").status_code == 404
    page = other.get("/backoffice/tasks").get_data(as_text=True)
    refused = other.post(f"/backoffice/tasks/{task.id}/complete",
                         data={"csrf_token": csrf_from(page), **models.VALID_ANSWERS})
    assert refused.status_code == 404
    head = app.test_client()
    sign_in(head, "head")
    assert head.get(f"/backoffice/tasks/{task.id}").status_code == 403
    assert task_of(db, filed[1]).state == "open"


def test_invalid_answers_come_back_with_the_errors_and_change_nothing(
        client: FlaskClient, db: Session, filed: tuple[str, ProcessInstance]) -> None:
    instance = filed[1]
    task = task_of(db, instance)
    version = instance.version
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/tasks/{task.id}?lang=en").get_data(as_text=True)
    posted = client.post(f"/backoffice/tasks/{task.id}/complete?lang=en", data={
        "csrf_token": csrf_from(page), "kind": "praise", "subject": "Noise at night"})
    assert posted.status_code == 422
    html = posted.get_data(as_text=True)
    assert "There is a problem" in html
    assert "Choose one of the allowed values." in html  # kind: not an option
    assert "This field is required." in html  # text, wants_answer
    assert 'value="Noise at night"' in html  # what she typed is kept
    db.expire_all()
    assert task_of(db, instance).state == "open"
    assert db.get(ProcessInstance, instance.id).version == version  # type: ignore[union-attr]


def test_valid_answers_complete_the_task_and_the_next_one_is_listed(
        client: FlaskClient, db: Session, filed: tuple[str, ProcessInstance]) -> None:
    instance = filed[1]
    task = task_of(db, instance)
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/tasks/{task.id}?lang=en").get_data(as_text=True)
    done = client.post(f"/backoffice/tasks/{task.id}/complete?lang=en",
                       data={"csrf_token": csrf_from(page), **models.VALID_ANSWERS},
                       follow_redirects=True)
    assert done.status_code == 200
    assert done.request.path == "/backoffice/tasks"
    html = done.get_data(as_text=True)
    assert "The task is completed: the process has moved on." in html
    follow_up = task_of(db, instance, models.FOLLOW_UP)
    assert f'data-testid="task-{follow_up.id}"' in html
    assert f'data-testid="task-{task.id}"' not in html

    nxt = client.get(f"/backoffice/tasks/{follow_up.id}?lang=en").get_data(as_text=True)
    data = nxt.split('data-testid="process-data"', 1)[1].split("</dl>", 1)[0]
    assert "Noise at night" in data and "complaint" in data  # the answers, now process data


def test_a_completed_task_shows_who_completed_it_and_cannot_be_completed_again(
        client: FlaskClient, db: Session, filed: tuple[str, ProcessInstance]) -> None:
    task = task_of(db, filed[1])
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/tasks/{task.id}?lang=en").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), **models.VALID_ANSWERS}
    assert client.post(f"/backoffice/tasks/{task.id}/complete", data=form).status_code == 303

    again = client.post(f"/backoffice/tasks/{task.id}/complete?lang=en", data=form,
                        follow_redirects=True)
    html = again.get_data(as_text=True)
    assert again.request.path == f"/backoffice/tasks/{task.id}"
    assert "This task is no longer open" in html
    assert re.search(r'data-testid="task-completed">Completed by clerk on ', html)
    assert 'data-testid="task-form"' not in html


def test_the_review_of_a_general_application_asks_which_unit_should_report(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    """The product's model declares what its form-less tasks take: the review may name a
    unit to report; that unit's clerk must write a summary."""
    send_application(client, token_for)  # the worker starts general_application
    sign_in(client, "clerk")
    listed = client.get("/backoffice/tasks?lang=en").get_data(as_text=True)
    review_id = re.findall(r'href="/backoffice/tasks/([0-9a-f-]{36})">Review the application',
                           listed)[-1]
    page = client.get(f"/backoffice/tasks/{review_id}?lang=en").get_data(as_text=True)
    assert '<select class="govuk-select" id="field-report_unit" name="report_unit"' in page
    assert 'id="field-report_question" name="report_question"' in page
    done = client.post(f"/backoffice/tasks/{review_id}/complete?lang=en", data={
        "csrf_token": csrf_from(page), "report_unit": "HAC",
        "report_question": "Is a fee due?"})
    assert done.status_code == 303, done.get_data(as_text=True)

    report = db.scalars(select(UserTask).where(UserTask.spec_id == "Task_write_report",
                                               UserTask.unit_code == "HAC")).one()
    bare = client.application.test_client()
    sign_in(bare, "clerk2")
    refused = bare.post(f"/api/v1/tasks/{report.id}/complete", json={"data": {}},
                        headers=token_for("clerk2"))
    assert refused.status_code == 422
    assert [(e["field"], e["code"]) for e in refused.get_json()["errors"]] == [
        ("summary", "required")]
    page = bare.get(f"/backoffice/tasks/{report.id}?lang=en").get_data(as_text=True)
    assert "Is a fee due?" in page.split('data-testid="process-data"', 1)[1]
    assert '<textarea class="govuk-textarea" id="field-summary" name="summary"' in page
    # HAC does not hold URB's file, yet reads its documents through the task
    number = re.search(r'href="/backoffice/files/([^"]+)" data-testid="task-file"', page)
    assert number
    assert bare.get(f"/backoffice/files/{number.group(1)}/documents/1").status_code == 404
    pdf = bare.get(f"/backoffice/tasks/{report.id}/documents/1")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert complete_report(bare, token_for("clerk2"), report.id).status_code == 200
    assert bare.get(f"/backoffice/tasks/{report.id}/documents/1").status_code == 404


def complete_report(client: FlaskClient, headers: dict[str, str], task_id: str) -> Any:
    return client.post(f"/api/v1/tasks/{task_id}/complete", headers=headers,
                       json={"data": {"summary": "No fee is due."}})
