"""Groupings of files in the back office, with plain forms: a clerk creates a grouping,
adds files by their numbers, sees it on each file's page and takes a file out; a closed
file is refused with a message; a clerk of another unit is told it does not exist."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.api.files.sent import Headers, file_path
from tests.api.files.test_groupings_api import open_files
from tests.conftest import csrf_from, sign_in

PAGES = "/backoffice/file-groupings"


def _create(client: FlaskClient, name: str) -> str:
    page = client.get(PAGES).get_data(as_text=True)
    made = client.post(PAGES, data={"csrf_token": csrf_from(page), "unit": "URB",
                                    "name": name, "reason": "Same street works"})
    assert made.status_code == 302
    return str(made.headers["Location"])


def test_a_clerk_groups_files_from_the_pages_and_sees_the_grouping_on_each_file(
    client: FlaskClient, db: Session,
) -> None:
    first, second = open_files(db, "URB", "Scaffolding permit", "Pavement works")
    sign_in(client, "clerk")
    assert 'data-testid="groupings-link"' in client.get("/backoffice").get_data(as_text=True)
    detail = _create(client, "Carrer Major works")
    page = client.get(detail).get_data(as_text=True)
    assert "Carrer Major works" in page and 'data-testid="no-grouped-files"' in page

    for number in (first, second):
        added = client.post(f"{detail}/files", data={"csrf_token": csrf_from(page),
                                                     "number": number})
        assert added.status_code == 302
    page = client.get(detail).get_data(as_text=True)
    assert f'data-testid="grouped-{first}"' in page and "Scaffolding permit" in page
    file_page = client.get(f"/backoffice/files/{first}").get_data(as_text=True)
    groupings = file_page.split('data-testid="groupings"', 1)[1].split("</ul>", 1)[0]
    assert "Carrer Major works" in groupings and f'href="{detail}"' in groupings
    assert "Added to a grouping" in file_page

    taken = client.post(f"{detail}/files/remove", data={"csrf_token": csrf_from(page),
                                                        "number": first})
    assert taken.status_code == 302
    page = client.get(detail).get_data(as_text=True)
    assert f'data-testid="grouped-{first}"' not in page
    assert f'data-testid="grouped-{second}"' in page
    file_page = client.get(f"/backoffice/files/{first}").get_data(as_text=True)
    assert 'data-testid="groupings"' not in file_page
    assert "Taken out of a grouping" in file_page


def test_a_closed_file_is_refused_with_a_message(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    (number,) = open_files(db, "URB", "Resolved long ago")
    assert client.post(file_path(number, "/closure"),
                       headers=token_for("clerk")).status_code == 200
    sign_in(client, "clerk")
    detail = _create(client, "Old files")
    page = client.get(detail).get_data(as_text=True)
    refused = client.post(f"{detail}/files", data={"csrf_token": csrf_from(page),
                                                   "number": number},
                          follow_redirects=True)
    html = refused.get_data(as_text=True)
    assert "The file is closed" in html and f'data-testid="grouped-{number}"' not in html


def test_a_grouping_without_a_reason_is_not_created(client: FlaskClient) -> None:
    sign_in(client, "clerk")
    page = client.get(PAGES).get_data(as_text=True)
    refused = client.post(PAGES, data={"csrf_token": csrf_from(page), "unit": "URB",
                                       "name": "No reason", "reason": ""})
    assert refused.status_code == 422
    assert 'href="#grouping-reason"' in refused.get_data(as_text=True)
    assert 'data-testid="groupings"' not in refused.get_data(as_text=True)


def test_a_clerk_of_another_unit_is_told_the_grouping_does_not_exist(
    app: Flask, client: FlaskClient,
) -> None:
    clerk, clerk2 = client, app.test_client()
    sign_in(clerk, "clerk")
    detail = _create(clerk, "Internal")
    sign_in(clerk2, "clerk2")
    assert clerk2.get(detail).status_code == 404
    assert "Internal" not in clerk2.get(PAGES).get_data(as_text=True)
