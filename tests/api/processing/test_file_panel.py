"""The file page's processing panel and the task list's term of resolution: URB's clerk
sees the minor-works file's process with the review she completed and the technical
office's open task (not hers: no link); a clerk of another unit gets the file page 404;
the task list shows the days left of each file's term of resolution, in red when few
remain, with its silence effect."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from eoffice import deadlines, files
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from tests.conftest import run_worker, sign_in
from tests.scenarios import steps


def open_minor_works(app: Flask, db: Session, *, term: dict[str, object] | None = None,
                     silence: str | None = None) -> files.FileView:
    """A minor-works file of URB-LIC (its process starts through the worker)."""
    db.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
               .values(status=OutboxStatus.DONE))  # only this test's work is delivered
    opened = files.open_file(db, files.NewFile(
        unit_code="URB-LIC", subject="Kitchen refurbishment, Carrer Major 3",
        parties=[steps.ANA], procedure="minor-works", case="interior",
        resolution_term=term, silence_effect=silence), actor="registrar")
    db.flush()
    run_worker(app)
    db.expire_all()
    return opened


def test_the_file_page_shows_the_process_with_its_open_and_completed_tasks(
        app: Flask, client: FlaskClient, db: Session) -> None:
    opened = open_minor_works(app, db)
    steps.complete(db, opened.id, "Task_review_application", "clerk", technical_report=True,
                   requirement_text="")
    report = steps.open_tasks(db, opened.id)[0]
    assert report.unit_code == "OTM"

    sign_in(client, "clerk")
    page = client.get(f"/backoffice/files/{opened.number}?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    panel = html.split('id="processing"', 1)[1]
    assert re.search(r"Process minor_works, version \d+ \u2013 running</h3>", panel)
    open_row = re.search(rf'data-testid="open-task-{report.id}">(.*?)</tr>', panel, re.S)
    assert open_row, "the technical office's task is listed as open"
    assert report.name in open_row.group(1)
    assert "OTM" in open_row.group(1)
    assert f"/backoffice/tasks/{report.id}" not in panel  # not hers to act on
    done = re.search(r'data-testid="completed-tasks">(.*?)</table>', panel, re.S)
    assert done and "Review the application" in done.group(1)
    assert re.search(r"<td[^>]*>clerk</td>", done.group(1))
    # the review is no longer waited for: no ad-hoc action is offered any more
    assert 'data-testid="adhoc-actions"' not in panel

    other = app.test_client()
    sign_in(other, "clerk2")
    assert other.get(f"/backoffice/files/{opened.number}").status_code == 404


def test_the_task_list_shows_the_days_left_of_the_term_of_resolution(
        app: Flask, client: FlaskClient, db: Session) -> None:
    near = open_minor_works(app, db, term={"value": 3, "unit": "calendar_days"},
                            silence="approval")
    far = open_minor_works(app, db, term={"value": 60, "unit": "calendar_days"},
                           silence="refusal")
    sign_in(client, "clerk")
    html = client.get("/backoffice/tasks?lang=en").get_data(as_text=True)
    cells = {}
    for opened in (near, far):
        task = steps.open_tasks(db, opened.id)[0]
        row = re.search(rf'data-testid="task-{task.id}">(.*?)</tr>', html, re.S)
        assert row, "the file's review task is on the first page"
        cell = re.search(r'data-testid="term">(.*?)</td>', row.group(1), re.S)
        assert cell
        cells[opened.number] = cell.group(1)
    near_left = deadlines.list_deadlines(db, "file", near.id)[0].days_left
    far_left = deadlines.list_deadlines(db, "file", far.id)[0].days_left
    assert near_left is not None and far_left is not None and near_left <= 5 < far_left
    assert re.search(rf'govuk-tag--red">{near_left} days left<', cells[near.number])
    assert "If not resolved: approved by silence" in cells[near.number]
    assert f"{far_left} days left" in cells[far.number]
    assert "govuk-tag--red" not in cells[far.number]
    assert "If not resolved: refused by silence" in cells[far.number]
