"""Every access to personal data is written to the access log before the data leaves
(ADR 0052): each read of a file (API and page, never throttled), each download of one of
its documents, a registry entry, an application in the back office, a document fetched
by its verification code; a refused access leaves nothing. Downloads carry an RFC 6266
name."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import audit, registry
from eoffice.registry import Channel, NewEntry, Party
from tests.api.files.sent import Headers, file_path, send_application
from tests.conftest import sign_in


def logged(db: Session, subject: tuple[str, str]) -> list[tuple[str, str, str, str, str]]:
    """(actor, action, object type, object id, channel), oldest first."""
    return [(a.actor, a.action, a.object_type, a.object_id, a.channel)
            for a in reversed(audit.accesses(db, subject=subject))]


def test_every_read_of_a_file_and_every_download_of_its_documents_is_logged(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    clerk = token_for("clerk")
    detail = client.get(file_path(number), headers=clerk)
    assert detail.status_code == 200
    assert client.get(file_path(number), headers=clerk).status_code == 200  # within the hour
    head = app.test_client()
    sign_in(head, "head")
    assert head.get(f"/backoffice/files/{number}").status_code == 200
    position = detail.get_json()["documents"][0]["position"]
    document_id = detail.get_json()["documents"][0]["document_id"]
    content = client.get(file_path(number, f"/documents/{position}/content"), headers=clerk)
    assert content.status_code == 200
    assert content.headers["Content-Disposition"].startswith("attachment; filename=")
    assert head.get(f"/backoffice/files/{number}/documents/{position}").status_code == 200

    assert logged(db, ("file", number)) == [
        ("clerk", "read", "file", number, "api"),
        ("clerk", "read", "file", number, "api"),
        ("head", "read", "file", number, "page"),
        ("clerk", "download", "document", document_id, "api"),
        ("head", "download", "document", document_id, "page"),
    ]
    [first] = [a for a in audit.accesses(db, subject=("file", number), actor="head")
               if a.action == "read"]
    assert first.unit_code == "URB"


def test_a_refused_read_or_download_leaves_nothing(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    other_unit = token_for("clerk3")
    assert client.get(file_path(number), headers=other_unit).status_code == 404
    assert client.get(file_path(number, "/documents/1/content"),
                      headers=other_unit).status_code == 404
    assert client.get(file_path(number), headers=token_for("bernat")).status_code in (403, 404)
    assert logged(db, ("file", number)) == []


def test_a_registry_entry_read_by_its_unit_is_logged_and_a_refused_one_is_not(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    entry = registry.register_entry(db, NewEntry(
        register="RGE", channel=Channel.IN_PERSON, subject="Complaint about a bar",
        destination_unit="URB", parties=[Party("Bernat Soler Ferrer", "nif", "87654321X")]),
        actor="registrar")
    db.flush()
    path = f"/api/v1/registry/entries/{entry.id}"
    assert client.get(path, headers=token_for("clerk2")).status_code == 404
    assert client.get(path, headers=token_for("clerk")).status_code == 200
    assert logged(db, ("registry_entry", entry.number)) == [
        ("clerk", "read", "registry_entry", entry.number, "api")]


def test_staff_reading_an_application_in_the_back_office_is_logged(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    sent = send_application(client, token_for)
    head = app.test_client()
    sign_in(head, "head")
    assert head.get(f"/backoffice/applications/{sent['id']}").status_code == 200
    pdf = head.get(f"/backoffice/applications/{sent['id']}/application.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["Content-Disposition"].startswith("inline; filename=application-")
    assert logged(db, ("file", sent["file"]["number"]))[-2:] == [
        ("head", "read", "submission", sent["id"], "page"),
        ("head", "download", "submission", sent["id"], "page"),
    ]
