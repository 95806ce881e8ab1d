"""Web sessions end when they should: after an idle period, at their absolute lifetime,
and when the browser signs in again (no fixation); over HTTPS the cookie is a
``__Host-`` cookie (Secure, path /, no domain)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.app import create_app
from eoffice.shared.clock import frozen_at
from tests.conftest import csrf_from, make_settings, sign_in

COOKIE = "eoffice_session"


def _signed_in_as(client: FlaskClient) -> str | None:
    answer = client.get("/api/v1/me")
    return str(answer.json["login"]) if answer.status_code == 200 and answer.json else None


def test_a_cookie_from_before_sign_in_is_not_signed_in_afterwards(client: FlaskClient) -> None:
    client.get("/sign-in")
    planted = client.get_cookie(COOKIE)  # what an attacker could have set in the browser
    assert planted is not None
    sign_in(client, "ana")
    assert _signed_in_as(client) == "ana"
    attacker = client.application.test_client()
    attacker.set_cookie(COOKIE, planted.value)
    assert _signed_in_as(attacker) is None


def test_signing_in_again_ends_the_session_the_browser_had(client: FlaskClient) -> None:
    sign_in(client, "clerk")
    before = client.get_cookie(COOKIE)
    assert before is not None
    token = csrf_from(client.get("/backoffice").get_data(as_text=True))
    # a second sign-in in the same browser (a shared desk, a second tab's form)
    client.post("/sign-in", data={"login": "ana", "password": "ana", "csrf_token": token})
    assert _signed_in_as(client) == "ana"
    copied = client.application.test_client()
    copied.set_cookie(COOKIE, before.value)
    assert _signed_in_as(copied) is None


def test_a_session_left_idle_for_longer_than_the_idle_period_ends(client: FlaskClient) -> None:
    sign_in(client, "ana")
    start = datetime.now(UTC)
    with frozen_at(start + timedelta(minutes=29)):
        assert _signed_in_as(client) == "ana"
    with frozen_at(start + timedelta(minutes=29 + 31)):
        assert _signed_in_as(client) is None


def test_a_session_in_use_lasts_its_absolute_lifetime_and_no_longer(client: FlaskClient) -> None:
    sign_in(client, "clerk")
    start = datetime.now(UTC)
    for minutes in range(20, 8 * 60, 20):  # busy all day: a request every 20 minutes
        with frozen_at(start + timedelta(minutes=minutes)):
            assert _signed_in_as(client) == "clerk", minutes
    with frozen_at(start + timedelta(hours=8, minutes=1)):
        assert _signed_in_as(client) is None


@pytest.fixture
def https_app(tmp_path: Path, database_url: str, db: Session) -> Iterator[Flask]:
    """The application as deployed behind TLS (secure cookies), on this test's database."""
    app = create_app(make_settings(tmp_path, database_url, session_cookie_secure=True))
    app.extensions["eoffice.database"].bind_to(db.connection())
    yield app


def test_over_https_the_session_cookie_is_a_host_only_secure_cookie(https_app: Flask) -> None:
    browser = https_app.test_client()
    page = browser.get("/sign-in", base_url="https://localhost")
    assert page.status_code == 200
    response = browser.post(
        "/sign-in", base_url="https://localhost",
        headers={"Referer": "https://localhost/sign-in"},  # checked by CSRF over HTTPS
        data={"login": "ana", "password": "ana",
              "csrf_token": csrf_from(page.get_data(as_text=True))})

    assert response.status_code == 302
    cookie = next(value for value in response.headers.getlist("Set-Cookie")
                  if value.startswith("__Host-eoffice_session="))
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "path", "samesite"} <= attributes
    assert "domain" not in attributes
    assert "; Path=/" in cookie and "SameSite=Lax" in cookie
    me = browser.get("/api/v1/me", base_url="https://localhost")
    assert me.status_code == 200 and me.json["login"] == "ana"
