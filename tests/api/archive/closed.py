"""Closed files for the archive's tests: ana's general application to URB, sent through
the API and closed by the clerk (its sealed index joins it), ready to transfer."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.api.files.sent import Headers, file_path, send_application


def open_file(client: FlaskClient, token_for: Headers) -> str:
    """A new open file of URB (ana's application with its sealed receipt): its number."""
    number: str = send_application(client, token_for)["file"]["number"]
    return number


def closed_file(client: FlaskClient, token_for: Headers) -> str:
    """A new closed file of URB: its number."""
    number = open_file(client, token_for)
    closed = client.post(file_path(number, "/closure"), headers=token_for("clerk"))
    assert closed.status_code == 200, closed.get_json()
    return number


def transfer(client: FlaskClient, headers: dict[str, str], number: str) -> dict[str, object]:
    """POST the transfer of ``number``; the 201 answer."""
    sent = client.post("/api/v1/archive/transfers", headers=headers,
                       json={"file_number": number})
    assert sent.status_code == 201, sent.get_json()
    body: dict[str, object] = sent.get_json()
    return body
