"""Who accessed my files: an official's view of my file is listed with her name, unit
and the file's number; her view of another citizen's file is not. Every view and every
download of my documents is listed (from the access log), also by whoever used a
document's verification code, and a clerk reading my application."""

from __future__ import annotations

import html
import re
from collections import Counter

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import documents, notifications
from eoffice.submissions.models import Submission
from tests.api.folder.support import PEOPLE, Headers, principal_of, resolution_file
from tests.api.submissions.test_staff_view import send_application
from tests.conftest import sign_in


def test_an_officials_view_of_my_file_is_listed_and_not_her_view_of_anothers(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    with app.app_context():  # only while filing: each request below has its own
        mine, _doc = resolution_file(db, "ana")
        theirs, _doc = resolution_file(db, "bernat")
        db.flush()
    official = app.test_client()
    sign_in(official, "clerk")
    for number in (mine, theirs):
        assert official.get(f"/backoffice/files/{number}").status_code == 200

    sign_in(client, "ana")
    page = client.get("/folder/access-log").get_data(as_text=True)
    assert 'data-testid="access-log"' in page
    assert "Clara Martí Ribes" in page and mine in page and "Viewed the file" in page
    assert "Urban Planning" in page  # her unit, in the reader's language
    assert theirs not in page

    other = app.test_client()
    sign_in(other, "bernat")
    page = other.get("/folder/access-log").get_data(as_text=True)
    assert theirs in page and mine not in page


def _rows(page: str) -> list[tuple[str, str, str]]:
    """(who, what, file or application) of each line of the access log page."""
    cells = re.findall(r'data-testid="access-who">(.*?)</td>.*?data-testid="access-what">'
                       r'(.*?)</td>\s*<td[^>]*data-testid="access-object">(.*?)</td>',
                       page, re.S)
    return [(html.unescape(who), html.unescape(" ".join(what.split())), html.unescape(obj))
            for who, what, obj in cells]


def test_every_read_and_download_of_my_documents_is_listed_and_none_of_anothers(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    with app.app_context():
        mine, document_id = resolution_file(db, "ana")
        theirs, their_document = resolution_file(db, "bernat")
        code = documents.get_document(db, document_id).verification_code
        headers = token_for("clerk")
        db.flush()
    official = app.test_client()
    for document in (document_id, their_document):
        assert official.get(f"/api/v1/documents/{document}/content",
                            headers=headers).status_code == 200
    sign_in(official, "clerk")
    for _view in range(2):  # both views, not one per hour
        assert official.get(f"/backoffice/files/{mine}").status_code == 200
    assert official.get(f"/backoffice/files/{mine}/documents/1").status_code == 200
    assert app.test_client().get(f"/api/v1/verify/{code}/content").status_code == 200

    sign_in(client, "ana")
    seen = Counter(_rows(client.get("/folder/access-log?lang=en").get_data(as_text=True)))
    clara, downloaded = "Clara Martí Ribes", "Downloaded a document"  # not its title: she
    assert seen[(clara, "Viewed the file", mine)] == 2                # may not read it yet
    assert seen[(clara, downloaded, mine)] == 2  # by the API and from the file's page
    assert seen[("Someone holding the verification code", downloaded, mine)] == 1
    assert not [row for row in seen if theirs in row[2] or "bernat" in row[1]
                or "Resolution" in row[1]]

    with app.app_context():  # notified to her and opened: now hers to read
        made = notifications.notify(db, notifications.NewNotification(
            file_number=mine, document_id=document_id, addressee_id_number=PEOPLE["ana"][0],
            addressee_name=PEOPLE["ana"][1], subject="Resolution", sending_unit="URB",
            procedure="general-application"), actor="clerk")
        notifications.access_notification(db, made.id, principal_of(db, "ana"))
        db.flush()
    assert official.get(f"/backoffice/files/{mine}/documents/1").status_code == 200
    seen = Counter(_rows(client.get("/folder/access-log?lang=en").get_data(as_text=True)))
    assert seen[(clara, f"{downloaded}: Resolution for ana", mine)] == 3  # the earlier two
    assert seen[(clara, downloaded, mine)] == 0                           # named now too


def test_a_clerk_reading_my_application_is_listed_with_its_registry_number(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    submission = send_application(app)
    number = db.get_one(Submission, submission).registry_number
    official = app.test_client()
    sign_in(official, "clerk")
    assert official.get(f"/backoffice/applications/{submission}").status_code == 200
    assert official.get(f"/backoffice/applications/{submission}/application.pdf"
                        ).status_code == 200

    sign_in(client, "ana")
    seen = _rows(client.get("/folder/access-log?lang=en").get_data(as_text=True))
    clara = "Clara Martí Ribes"
    assert (clara, "Viewed the application", number) in seen
    assert (clara, "Downloaded the application", number) in seen
