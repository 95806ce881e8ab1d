"""Staff reading a file (its page or the API) leave one audit event per person, file and
hour, which the file's parties can read: object the file's number, actor the login, unit
the file's responsible unit. A refused read leaves nothing."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import files
from eoffice.shared.clock import frozen_at, utcnow
from tests.api.files.sent import Headers, file_path, send_application
from tests.conftest import sign_in


def views(db: Session, number: str) -> list[tuple[str, str | None]]:
    return [(e.actor, e.unit_code) for e in files.file_views_of(db, [number])]


def test_reading_a_file_is_audited_once_an_hour_per_person(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    assert views(db, number) == []
    start = utcnow()
    with frozen_at(start):
        assert client.get(file_path(number), headers=token_for("clerk")).status_code == 200
        assert client.get(file_path(number), headers=token_for("clerk")).status_code == 200
        head = app.test_client()
        sign_in(head, "head")
        assert head.get(f"/backoffice/files/{number}").status_code == 200
    assert views(db, number) == [("head", "URB"), ("clerk", "URB")]
    [event] = [e for e in files.file_views_of(db, [number]) if e.actor == "clerk"]
    assert (event.action, event.object_type, event.object_id) == (
        "files.file_viewed", "file", number)
    with frozen_at(start + timedelta(minutes=59)):
        client.get(file_path(number), headers=token_for("clerk"))
    assert len(views(db, number)) == 2
    with frozen_at(start + timedelta(minutes=61)):
        client.get(file_path(number), headers=token_for("clerk"))
    assert views(db, number)[0] == ("clerk", "URB") and len(views(db, number)) == 3


def test_a_refused_read_leaves_no_trace(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    refused = client.get(file_path(number), headers=token_for("clerk3"))  # another unit
    assert refused.status_code == 404
    assert views(db, number) == []
