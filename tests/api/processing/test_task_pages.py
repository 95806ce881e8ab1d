"""The clerk's task list: a registered general application's process gives URB's clerk a
task for its file; she takes it and releases it; another unit's clerk neither sees nor
takes it (404); a citizen has no task list."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.api.files.sent import Headers, send_application
from tests.conftest import csrf_from, sign_in


def test_the_clerk_takes_and_releases_the_task_of_a_new_file(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]  # worker ran: process
    sign_in(client, "clerk")
    page = client.get("/backoffice/tasks?lang=en").get_data(as_text=True)
    row = re.search(r'data-testid="task-([0-9a-f-]{36})">\s*<td[^>]*><a class="govuk-link" '
                    r'href="/backoffice/tasks/[0-9a-f-]{36}">Review the application</a>'
                    r'</td>\s*<td[^>]*><a class="govuk-link" href="[^"]+">' + re.escape(number),
                    page)
    assert row, "the new file's task is listed with its file"
    task_id = row.group(1)

    taken = client.post(f"/backoffice/tasks/{task_id}/claim",
                        data={"csrf_token": csrf_from(page)}, follow_redirects=True)
    html = taken.get_data(as_text=True)
    assert "The task is yours." in html
    assert re.search(rf'data-testid="task-{task_id}">.*?<td[^>]*>clerk</td>', html, re.S)

    other = app.test_client()
    sign_in(other, "clerk2")
    other_page = other.get("/backoffice/tasks").get_data(as_text=True)
    assert task_id not in other_page
    assert other.post(f"/backoffice/tasks/{task_id}/release",
                      data={"csrf_token": csrf_from(other_page)}).status_code == 404

    released = client.post(f"/backoffice/tasks/{task_id}/release",
                           data={"csrf_token": csrf_from(html)}, follow_redirects=True)
    assert "The task is released." in released.get_data(as_text=True)

    citizen = app.test_client()
    sign_in(citizen, "ana")
    assert citizen.get("/backoffice/tasks").status_code == 403
