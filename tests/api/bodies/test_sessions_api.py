"""The collegiate bodies through HTTP: the API (staff read, the secretary's office acts,
bad counts and clerks refused with problem+json) and the back-office pages (sessions,
a session with its forms for the secretary only, the proposals waiting)."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import bodies
from eoffice.bodies.models import Body
from eoffice.shared.clock import frozen_at
from eoffice.shared.localtime import city_timezone
from tests.conftest import csrf_from, sign_in
from tests.integration.bodies.test_meetings_cycle import (
    BOARD,
    DAY,
    DURING,
    a_file,
    board,
    convened,
    held,
    proposal_of,
)

__all__ = ["board"]  # fixture used here
Headers = Callable[[str], dict[str, str]]
API = "/api/v1/bodies"


def test_staff_read_sessions_and_citizens_do_not(client: FlaskClient, db: Session,
                                                 token_for: Headers, board: Body) -> None:
    meeting = convened(db, proposal_of(db, a_file(db)))
    listed = client.get(f"{API}/sessions?body={BOARD}", headers=token_for("clerk"))
    assert listed.status_code == 200
    assert [(s["id"], s["label"]) for s in listed.json["items"]] == [
        (meeting.id, meeting.label)]
    one = client.get(f"{API}/sessions/{meeting.id}", headers=token_for("clerk")).json
    assert one["items"][0]["title"] == "Conceder la subvención"
    assert {a["login"] for a in one["attendance"]} >= {"mayor", "secretary"}
    proposals = client.get(f"{API}/proposals?state=on_agenda",
                           headers=token_for("clerk")).json
    assert [p["title"] for p in proposals["items"]] == ["Conceder la subvención"]
    assert client.get(f"{API}/sessions", headers=token_for("ana")).status_code == 403
    answer = client.get(f"{API}/sessions/{meeting.id}", headers=token_for("ana"))
    assert answer.status_code == 404 and answer.json["code"] == "bodies.unknown_session"


def test_the_secretary_runs_a_session_through_the_api(client: FlaskClient, db: Session,
                                                      token_for: Headers,
                                                      board: Body) -> None:
    secretary, clerk = token_for("secretary"), token_for("clerk")
    proposal = proposal_of(db, a_file(db), accept=False)
    refused = client.post(f"{API}/proposals/{proposal.id}/accept", headers=clerk)
    assert refused.status_code == 403
    assert refused.json["code"] == "bodies.sessions_not_allowed"
    assert client.post(f"{API}/proposals/{proposal.id}/accept",
                       headers=secretary).json["state"] == "accepted"
    planned = client.post(f"{API}/sessions", headers=secretary, json={
        "body": BOARD, "kind": "ordinary", "scheduled_at": DAY.isoformat(),
        "place": "Sala de juntas"})
    assert planned.status_code == 201, planned.json
    session_id = planned.json["id"]
    empty = client.post(f"{API}/sessions/{session_id}/convocation", headers=secretary)
    assert empty.status_code == 422 and empty.json["code"] == "bodies.empty_agenda"
    agenda = client.post(f"{API}/sessions/{session_id}/agenda", headers=secretary,
                         json={"proposal": proposal.id}).json
    item_id = agenda["items"][0]["id"]
    convened_now = client.post(f"{API}/sessions/{session_id}/convocation",
                               headers=secretary).json
    assert convened_now["state"] == "convened" and convened_now["label"]
    with frozen_at(DURING):  # on the session's day, with tokens issued then
        secretary, clerk = token_for("secretary"), token_for("clerk")
        present = client.post(f"{API}/sessions/{session_id}/attendance", headers=secretary,
                              json={"present": ["mayor", "secretary", "councillor", "head"]})
        assert present.json["state"] == "held" and present.json["quorum_problem"] is None
        wrong = client.post(f"{API}/sessions/{session_id}/items/{item_id}/vote",
                            headers=secretary,
                            json={"votes_for": 4, "votes_against": 0, "abstentions": 0})
        assert wrong.status_code == 422
        assert wrong.json["code"] == "bodies.votes_do_not_add_up"
        by_clerk = client.post(f"{API}/sessions/{session_id}/items/{item_id}/vote",
                               headers=clerk,
                               json={"votes_for": 3, "votes_against": 0, "abstentions": 0})
        assert by_clerk.status_code == 403
        voted = client.post(f"{API}/sessions/{session_id}/items/{item_id}/vote",
                            headers=secretary,
                            json={"votes_for": 2, "votes_against": 1, "abstentions": 0})
    assert voted.json["items"][0]["result"] == "adopted"
    closed = client.post(f"{API}/sessions/{session_id}/minutes", headers=secretary).json
    assert closed["state"] == "minutes_signing" and closed["minutes_circuit_id"]


def _page(client: FlaskClient, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, answer.status_code
    return answer.get_data(as_text=True)


def test_the_secretary_uses_the_session_page_and_a_clerk_only_reads_it(
        client: FlaskClient, db: Session, board: Body) -> None:
    meeting = held(db, convened(db, proposal_of(db, a_file(db))))
    page = f"/backoffice/bodies/sessions/{meeting.id}"
    sign_in(client, "secretary")
    html = _page(client, page)
    assert 'data-testid="vote-form-1"' in html and 'data-testid="close-form"' in html
    wrong = client.post(f"{page}/items/{meeting.items[0].id}/vote", data={
        "csrf_token": csrf_from(html), "votes_for": "5", "votes_against": "0",
        "abstentions": "0"})
    assert wrong.status_code == 422
    assert 'data-testid="session-error"' in wrong.get_data(as_text=True)
    done = client.post(f"{page}/items/{meeting.items[0].id}/vote", data={
        "csrf_token": csrf_from(html), "votes_for": "3", "votes_against": "0",
        "abstentions": "0"})
    assert done.status_code == 303
    assert "Adopted" in _page(client, page)
    assert bodies.get_meeting(db, meeting.id).items[0].votes_for == 3
    assert meeting.id in _page(client, f"/backoffice/bodies/sessions?body={BOARD}")

    client.post("/sign-out", data={"csrf_token": csrf_from(_page(client, page))})
    sign_in(client, "clerk")
    html = _page(client, page)
    assert "vote-form-1" not in html and "close-form" not in html
    refused = client.post(f"{page}/close", data={"csrf_token": csrf_from(html)})
    assert refused.status_code == 403
    assert bodies.get_meeting(db, meeting.id).state == "held"


def test_citizens_get_no_session_pages(client: FlaskClient, db: Session,
                                       board: Body) -> None:
    meeting = convened(db, proposal_of(db, a_file(db)))
    sign_in(client, "ana")
    assert client.get(f"/backoffice/bodies/sessions/{meeting.id}").status_code == 404
    assert client.get("/backoffice/bodies/proposals").status_code == 404


def test_the_secretary_accepts_and_returns_proposals_on_their_page(
        client: FlaskClient, db: Session, board: Body) -> None:
    first = proposal_of(db, a_file(db), accept=False, title="Primera propuesta")
    second = proposal_of(db, a_file(db), accept=False, title="Segunda propuesta")
    sign_in(client, "secretary")
    html = _page(client, "/backoffice/bodies/proposals")
    assert "Primera propuesta" in html and "Segunda propuesta" in html
    accepted = client.post(f"/backoffice/bodies/proposals/{first.id}/accept",
                           data={"csrf_token": csrf_from(html)})
    assert accepted.status_code == 303
    no_reason = client.post(f"/backoffice/bodies/proposals/{second.id}/return",
                            data={"csrf_token": csrf_from(html), "reason": ""})
    assert no_reason.status_code == 422
    assert bodies.get_proposal(db, second.id).state == "submitted"
    client.post(f"/backoffice/bodies/proposals/{second.id}/return",
                data={"csrf_token": csrf_from(html), "reason": "Sin informe"})
    assert [bodies.get_proposal(db, p.id).state for p in (first, second)] == [
        "accepted", "returned"]


def test_the_secretary_plans_builds_the_agenda_and_convenes_through_the_forms(
        client: FlaskClient, db: Session, board: Body) -> None:
    proposal = proposal_of(db, a_file(db))
    sign_in(client, "secretary")
    form = _page(client, "/backoffice/bodies/sessions/new")
    local = DAY.astimezone(city_timezone()).strftime("%Y-%m-%dT%H:%M")
    bad = client.post("/backoffice/bodies/sessions/new", data={
        "csrf_token": csrf_from(form), "body": BOARD, "kind": "ordinary",
        "scheduled_at": "", "place": "Sala de juntas"})
    assert bad.status_code == 422 and 'data-testid="plan-error"' in bad.get_data(as_text=True)
    planned = client.post("/backoffice/bodies/sessions/new", data={
        "csrf_token": csrf_from(form), "body": BOARD, "kind": "ordinary",
        "scheduled_at": local, "place": "Sala de juntas"})
    assert planned.status_code == 303
    page = planned.headers["Location"]
    html = _page(client, page)
    assert 'data-testid="add-item-form"' in html and proposal.title in html
    empty = client.post(f"{page}/convene", data={"csrf_token": csrf_from(html)})
    assert empty.status_code == 422
    client.post(f"{page}/agenda", data={"csrf_token": csrf_from(html),
                                        "proposal": proposal.id})
    assert client.post(f"{page}/convene",
                       data={"csrf_token": csrf_from(html)}).status_code == 303
    meeting = bodies.get_meeting(db, page.rsplit("/", 1)[1])
    assert meeting.state == "convened" and meeting.scheduled_at == DAY
    assert [item.proposal_id for item in meeting.items] == [proposal.id]
    assert 'data-testid="attendance-form"' in _page(client, page)
