"""Rate limits: sign-in and verification-code lookups per client address, submitting
applications per account (page and API together). A refusal is a 429 problem+json for
API callers and a page for people; other addresses and other accounts go on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.app import create_app
from tests.conftest import csrf_from, make_settings

PROBLEM = "application/problem+json"


@pytest.fixture
def limited_app(tmp_path: Path, database_url: str, db: Session) -> Iterator[Flask]:
    """The application with low limits, on this test's database."""
    app = create_app(make_settings(
        tmp_path, database_url, sign_in_rate_limit="3 per minute",
        verify_rate_limit="3 per minute", submission_rate_limit="2 per hour"))
    app.extensions["eoffice.database"].bind_to(db.connection())
    yield app


def _bearer(db: Session, login: str) -> dict[str, str]:
    account = identity.get_account(db, login)
    issued = identity.issue_token(db, account, name="limits", valid_for=timedelta(days=1),
                                  actor="test")
    db.flush()
    return {"Authorization": f"Bearer {issued.secret}", "Accept": PROBLEM}


def test_verification_lookups_are_limited_per_address_with_a_problem(
        limited_app: Flask) -> None:
    client = limited_app.test_client()
    here, elsewhere = {"REMOTE_ADDR": "198.51.100.7"}, {"REMOTE_ADDR": "198.51.100.8"}
    statuses = [client.get("/api/v1/verify/CSV-NOPE-0000", environ_base=here).status_code
                for _ in range(4)]

    assert statuses == [404, 404, 404, 429]
    refused = client.get("/api/v1/verify/CSV-NOPE-0000", environ_base=here)
    assert refused.mimetype == PROBLEM
    assert refused.json["code"] == "request.rate_limited" and refused.json["status"] == 429
    assert refused.headers.get("Retry-After")
    assert client.get("/api/v1/verify/CSV-NOPE-0000", environ_base=elsewhere).status_code == 404


def test_sign_in_attempts_are_limited_per_address_and_a_person_sees_a_page(
        limited_app: Flask) -> None:
    here, elsewhere = {"REMOTE_ADDR": "198.51.100.9"}, {"REMOTE_ADDR": "198.51.100.10"}
    browser = limited_app.test_client()
    token = csrf_from(browser.get("/sign-in", environ_base=here).get_data(as_text=True))
    tries = [browser.post("/sign-in", environ_base=here, headers={"Accept": "text/html"},
                          data={"login": "ana", "password": "wrong", "csrf_token": token})
             for _ in range(4)]

    assert [answer.status_code for answer in tries] == [401, 401, 401, 429]
    assert tries[-1].mimetype == "text/html"
    assert "Too many attempts" in tries[-1].get_data(as_text=True)
    other = limited_app.test_client()
    token = csrf_from(other.get("/sign-in", environ_base=elsewhere).get_data(as_text=True))
    answer = other.post("/sign-in", environ_base=elsewhere,
                        data={"login": "ana", "password": "ana", "csrf_token": token})
    assert answer.status_code == 302


def test_submitting_is_limited_per_account_through_the_api_and_the_page_together(
        limited_app: Flask, db: Session) -> None:
    ana, bernat = _bearer(db, "ana"), _bearer(db, "bernat")
    api = limited_app.test_client()
    nowhere = "/api/v1/submissions/00000000-0000-0000-0000-000000000000/submit"
    body = {"confirm_sha256": None}
    first = [api.post(nowhere, headers=ana, json=body).status_code for _ in range(2)]
    assert 429 not in first

    refused = api.post(nowhere, headers=ana, json=body)
    assert refused.status_code == 429 and refused.mimetype == PROBLEM
    assert refused.json["code"] == "request.rate_limited"
    assert api.post(nowhere, headers=bernat, json=body).status_code != 429

    browser = limited_app.test_client()  # ana again, now in her browser, same address
    token = csrf_from(browser.get("/sign-in").get_data(as_text=True))
    browser.post("/sign-in", data={"login": "ana", "password": "ana", "csrf_token": token})
    token = csrf_from(browser.get("/citizen").get_data(as_text=True))
    page = browser.post("/applications/00000000-0000-0000-0000-000000000000/submit",
                        data={"csrf_token": token}, headers={"Accept": "text/html"})
    assert page.status_code == 429
