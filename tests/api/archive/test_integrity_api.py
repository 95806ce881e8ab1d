"""The integrity API: archivists list fixity runs, read one with its problems and ask
for one now (202, the worker runs it); anyone else gets problem+json with a stable code,
an unknown run 404."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.archive.runtime import ArchiveRuntime
from tests.api.archive.closed import closed_file, transfer
from tests.api.files.sent import Headers
from tests.conftest import run_worker

RUNS = "/api/v1/archive/fixity-runs"


def test_an_archivist_asks_for_a_check_and_reads_its_result(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    transfer(client, token_for("clerk"), closed_file(client, token_for))
    archivist = token_for("archivist")

    asked = client.post(RUNS, headers=archivist)
    run_worker(app)
    listed = client.get(RUNS, headers=archivist)

    assert asked.status_code == 202 and asked.get_json()["requested"] is True
    newest = listed.get_json()["items"][0]
    assert newest["started_by"] == "archivist" and newest["status"] == "ok"
    assert newest["records_checked"] >= 1 and newest["problems"] == 0
    detail = client.get(f"{RUNS}/{newest['id']}", headers=archivist)
    assert detail.status_code == 200
    assert detail.get_json()["problem_list"] == []
    assert detail.get_json()["finished_at"] is not None


def test_only_archivists_use_the_integrity_api(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    anonymous = client.get(RUNS)
    clerk = client.get(RUNS, headers=token_for("clerk"))
    citizen = client.post(RUNS, headers=token_for("ana"))

    assert anonymous.status_code == 401
    assert anonymous.mimetype == "application/problem+json"
    assert clerk.status_code == 403 and clerk.get_json()["code"] == "archive.not_allowed"
    assert citizen.status_code == 403 and citizen.get_json()["code"] == "archive.not_allowed"


def test_an_unknown_run_is_404(client: FlaskClient, token_for: Headers, db: Session) -> None:
    answer = client.get(f"{RUNS}/999999", headers=token_for("archivist"))
    assert answer.status_code == 404
    assert answer.get_json()["code"] == "archive.unknown_fixity_run"
    assert client.get(f"{RUNS}/not-a-number",
                      headers=token_for("archivist")).status_code == 404
