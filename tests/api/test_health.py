"""The health endpoints as an orchestrator's probes see them: liveness without the
database, readiness naming what fails, never a cookie, never cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from eoffice.app import create_app
from tests.conftest import make_settings
from tests.live_server import free_port

PROBLEM_JSON = "application/problem+json"


def _anonymous_and_fresh(response: TestResponse) -> None:
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def _app(tmp_path: Path, database_url: str, **overrides: object) -> Flask:
    application = create_app(make_settings(tmp_path / "instance", database_url, **overrides))
    application.config["TESTING"] = True
    return application


def test_liveness_answers_ok_without_cookie_or_cache(app: Flask) -> None:
    response = app.test_client().get("/healthz")

    assert response.status_code == 200
    assert response.json == {"status": "ok"}
    _anonymous_and_fresh(response)


def test_readiness_is_200_on_a_migrated_database_with_a_writable_blob_store(app: Flask) -> None:
    response = app.test_client().get("/readyz")

    assert response.status_code == 200
    assert response.json["status"] == "ready"
    assert {name: check["ok"] for name, check in response.json["checks"].items()} == {
        "database": True, "migrations": True, "blob_store": True}
    _anonymous_and_fresh(response)


def test_a_language_asked_of_a_probe_opens_no_session(app: Flask) -> None:
    for path in ("/healthz?lang=ca", "/readyz?lang=ca"):
        response = app.test_client().get(path)
        assert response.status_code == 200
        _anonymous_and_fresh(response)


@pytest.mark.parametrize("dead", ["sqlite", "postgresql"])
def test_readiness_is_503_naming_the_database_when_it_does_not_answer(
        tmp_path: Path, dead: str) -> None:
    url = (f"sqlite:///{tmp_path}/no-such-folder/eoffice.sqlite3" if dead == "sqlite"
           else f"postgresql+psycopg://eoffice@127.0.0.1:{free_port()}/eoffice")
    client = _app(tmp_path, url).test_client()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.mimetype == PROBLEM_JSON
    assert response.json["code"] == "ops.not_ready"
    assert response.json["detail"].startswith("database: the database does not answer")
    assert response.json["checks"]["database"]["ok"] is False
    assert response.json["checks"]["blob_store"]["ok"] is True
    assert "127.0.0.1" not in response.get_data(as_text=True)  # no address leaks out
    assert response.headers["Retry-After"]
    _anonymous_and_fresh(response)
    # Liveness does not depend on the database.
    assert client.get("/healthz").status_code == 200


def test_readiness_is_503_until_the_schema_is_migrated(tmp_path: Path) -> None:
    response = _app(tmp_path, f"sqlite:///{tmp_path}/empty.sqlite3").test_client().get(
        "/readyz")

    assert response.status_code == 503
    assert response.json["checks"]["database"]["ok"] is True
    assert response.json["checks"]["migrations"] == {
        "ok": False, "detail": "the database has no schema: run `eoffice db upgrade`"}


def test_readiness_is_503_when_the_blob_store_cannot_be_written(
        app: Flask, tmp_path: Path) -> None:
    in_the_way = tmp_path / "blobs-is-a-file"
    in_the_way.write_text("not a folder")
    database_url = app.config["EOFFICE_SETTINGS"].resolved_database_url
    client = _app(tmp_path, database_url, blob_root=in_the_way).test_client()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json["code"] == "ops.not_ready"
    assert response.json["detail"].startswith("blob_store: the blob store's folder is not "
                                              "writable")
    assert response.json["checks"]["database"]["ok"] is True
