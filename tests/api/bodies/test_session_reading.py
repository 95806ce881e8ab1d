"""What staff outside a body read of its sessions: the agenda's titles and results, but
not the text of a proposal from a unit whose files they do not read, nor the codes that
open the minutes; the body's members and the proposal's unit read both."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import bodies
from eoffice.bodies.models import Body
from eoffice.shared.clock import frozen_at
from tests.conftest import sign_in
from tests.integration.bodies.test_meetings_cycle import (
    DURING,
    a_file,
    board,
    convened,
    held,
    principal,
    proposal_of,
    vote,
)

__all__ = ["board"]  # fixture used here
Headers = Callable[[str], dict[str, str]]
TEXT = "Se concede la subvención de 3.000 euros."


def _closed(app: Flask, db: Session) -> bodies.MeetingView:
    """A session of the test board whose minutes wait for their signatures."""
    with app.app_context():
        return _closing(db)


def _closing(db: Session) -> bodies.MeetingView:
    meeting = vote(db, held(db, convened(db, proposal_of(db, a_file(db)))), 1, (3, 0, 0))
    with frozen_at(DURING):
        return bodies.close_meeting(db, meeting.id, principal=principal(db, "secretary"))


def test_staff_of_another_unit_read_the_agenda_but_not_the_text_nor_the_minutes(
        app: Flask, client: FlaskClient, db: Session, board: Body,
        token_for: Headers) -> None:
    meeting = _closed(app, db)
    page = f"/backoffice/bodies/sessions/{meeting.id}"
    sign_in(client, "clerk3")  # ODP: not a member, reads no files of URB
    html = client.get(page).get_data(as_text=True)
    assert "Conceder la subvención" in html and TEXT not in html
    assert 'data-testid="minutes"' not in html  # no code that opens the minutes
    api = token_for("clerk3")
    proposal_id = meeting.items[0].proposal_id
    assert client.get(f"/api/v1/bodies/proposals/{proposal_id}", headers=api).status_code == 404
    listed = client.get("/api/v1/bodies/proposals", headers=api).get_json()["items"]
    assert proposal_id not in [p["id"] for p in listed]
    session = client.get(f"/api/v1/bodies/sessions/{meeting.id}", headers=api).get_json()
    assert session["items"][0]["title"] == "Conceder la subvención"
    assert session["items"][0]["text"] == ""
    listed_sessions = client.get("/api/v1/bodies/sessions", headers=api).get_json()["items"]
    [same] = [listed for listed in listed_sessions if listed["id"] == meeting.id]
    assert same["items"][0]["title"] == "Conceder la subvención"
    assert same["items"][0]["text"] == ""
    minutes = client.get(f"/api/v1/documents/{meeting.minutes_document_id}/content",
                         headers=api)
    assert minutes.status_code == 404


def test_a_member_and_the_proposals_unit_read_the_text_and_the_minutes(
        app: Flask, client: FlaskClient, db: Session, board: Body,
        token_for: Headers) -> None:
    meeting = _closed(app, db)
    page = f"/backoffice/bodies/sessions/{meeting.id}"
    for login in ("head2", "clerk"):  # a member from ODP; a clerk of URB, the file's unit
        browser = app.test_client()
        sign_in(browser, login)
        html = browser.get(page).get_data(as_text=True)
        assert TEXT in html, login
        assert ('data-testid="minutes"' in html) == (login == "head2")  # minutes: AJT's
        proposal = client.get(f"/api/v1/bodies/proposals/{meeting.items[0].proposal_id}",
                              headers=token_for(login))
        assert proposal.status_code == 200 and proposal.get_json()["text"] == TEXT
    member = client.get(f"/api/v1/documents/{meeting.minutes_document_id}/content",
                        headers=token_for("head2"))
    assert member.status_code == 200 and member.data.startswith(b"%PDF")


def test_the_demo_councillor_reads_the_files_of_her_area_only(
        app: Flask, client: FlaskClient, db: Session, token_for: Headers) -> None:
    with app.app_context():
        works = a_file(db, "Licencia de obras de la calle Nueva")  # URB
    answer = client.get(f"/api/v1/files/{works.number}", headers=token_for("councillor"))
    assert answer.status_code == 404  # public space (ODP) is her area, not town planning
    assert client.get(f"/api/v1/files/{works.number}",
                      headers=token_for("clerk")).status_code == 200
