"""Headers a security officer checks on every response: a strict CSP without inline
scripts, no framing, no sniffing, no opener, HSTS over HTTPS, and nothing personal kept
in a cache (``no-store``), while static assets and open data stay cacheable; and the
input guard every request passes: no NUL character (PostgreSQL cannot store one)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import sign_in

Headers = Callable[[str], dict[str, str]]


def _checked(answer_headers: dict[str, str], path: str) -> None:
    csp = answer_headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp, path
    assert "script-src 'self'" in csp, path
    assert answer_headers["X-Frame-Options"] == "DENY", path
    assert answer_headers["X-Content-Type-Options"] == "nosniff", path
    assert answer_headers["Cross-Origin-Opener-Policy"] == "same-origin", path
    assert answer_headers["Referrer-Policy"] == "same-origin", path
    assert answer_headers["Cache-Control"] == "no-store", path


def test_pages_and_api_answers_are_not_cached_and_not_framed(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    for path in ("/", "/sign-in", "/api/v1/catalogue/procedures"):
        answer = client.get(path)
        _checked(dict(answer.headers), path)
    sign_in(client, "ana")
    for path in ("/citizen", "/folder"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        _checked(dict(answer.headers), path)
    refused = client.get("/api/v1/files", headers=token_for("ana"))
    _checked(dict(refused.headers), "/api/v1/files (refused)")


def test_hsts_over_https_only(app: Flask, db: Session) -> None:
    plain = app.test_client().get("/")
    assert "Strict-Transport-Security" not in plain.headers
    secure = app.test_client().get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_static_assets_and_open_data_stay_cacheable(client: FlaskClient, db: Session) -> None:
    asset = client.get("/static/dist/css/eoffice.css")  # built by `make assets`
    assert asset.status_code == 200
    assert asset.headers.get("Cache-Control") != "no-store"
    streets = client.get("/opendata/territory/streets.csv")
    assert streets.status_code == 200
    assert "public" in streets.headers["Cache-Control"]


def test_a_nul_character_anywhere_in_a_request_is_a_clear_400(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    ana = token_for("ana")
    asked = [
        client.get("/api/v1/procedures", query_string={"taxonomy": "a\x00b"}),
        client.get("/api/v1/procedures", query_string={"q\x00": "x"}),
        client.post("/api/v1/submissions", headers=ana,
                    json={"procedure": "general-application\x00", "case": "standard"}),
        client.post("/api/v1/submissions", headers=ana,
                    json={"procedure": "general-application", "case": "standard",
                          "answers": {"nested": ["ok", {"k": "v\x00"}]}}),
        client.get("/api/v1/powers/check", headers=ana, query_string={"file": "\x00"}),
    ]
    for answer in asked:
        assert answer.status_code == 400, answer.status_code
        assert answer.get_json()["code"] == "request.malformed"
