"""Who accessed my files: an official's view of my file is listed with her name, unit
and the file's number; her view of another citizen's file is not."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.api.folder.support import resolution_file
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
