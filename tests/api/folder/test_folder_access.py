"""The folder is the signed-in citizen's only: anonymous visitors are sent to sign in,
staff without the citizen role are refused (403), on the pages and on the API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import sign_in

PAGES = ["/folder", "/folder/submissions", "/folder/files", "/folder/notifications",
         "/folder/documents", "/folder/payments", "/folder/powers", "/folder/access-log",
         "/folder/contact", "/folder/consents", "/folder/export", "/citizen"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, db: Session,
                                                path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_staff_without_the_citizen_role_are_refused_everywhere(client: FlaskClient,
                                                                db: Session) -> None:
    sign_in(client, "clerk")
    for path in PAGES:
        assert client.get(path).status_code == 403, path
    assert client.post("/folder/consents/newsletter", data={"given": "yes"}).status_code in (
        400, 403)  # without a CSRF token, or with one: never accepted


def test_the_api_export_needs_a_citizen_token(client: FlaskClient, db: Session,
                                              token_for: Callable[[str], dict[str, str]]
                                              ) -> None:
    assert client.get("/api/v1/folder/export").status_code == 401
    refused = client.get("/api/v1/folder/export", headers=token_for("clerk"))
    assert refused.status_code == 403
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    shown = client.get("/api/v1/folder/export", headers=token_for("ana"))
    assert shown.status_code == 200 and shown.mimetype == "application/zip"


def test_every_section_of_the_folder_opens_for_a_citizen(client: FlaskClient,
                                                         db: Session) -> None:
    sign_in(client, "ana")
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[:2000])
    overview = client.get("/citizen").get_data(as_text=True)
    assert 'data-testid="greeting"' in overview and 'data-testid="export-link"' in overview
