"""A general application sent through the API by ana, opening a file of URB."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from tests.conftest import run_worker

Headers = Callable[[str], dict[str, str]]
ANSWERS = {"subject": "Fallen tree", "request": "A tree fell on Carrer Major."}


def send_application(client: FlaskClient, token_for: Headers) -> dict[str, Any]:
    """Draft, answers, submit: the submit answer (with ``file.number``)."""
    ana = token_for("ana")
    draft = client.post("/api/v1/submissions", headers=ana,
                        json={"procedure": "general-application", "case": "standard"})
    path = f"/api/v1/submissions/{draft.get_json()['id']}"
    assert client.patch(path, json={"answers": ANSWERS},
                        headers=ana).get_json()["status"] == "validated"
    sent = client.post(f"{path}/submit", json={}, headers=ana)
    assert sent.status_code == 200, sent.get_json()
    body: dict[str, Any] = sent.get_json()
    run_worker(client.application)  # the sealed receipt joins the file through the outbox
    return body



def file_path(number: str, suffix: str = "") -> str:
    return f"/api/v1/files/{number}{suffix}"
