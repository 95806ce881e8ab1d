"""Numbers typed into the bodies' pages: a superscript vote count, a quorum of "½", a
book number longer than any integer, an item id no database holds, a session planned
for the year 9999; each is named on the page or is a 404, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import bodies
from eoffice.bodies.models import Body
from tests.conftest import csrf_from, sign_in
from tests.integration.bodies.test_meetings_cycle import (
    BOARD,
    a_file,
    board,
    convened,
    held,
    proposal_of,
)

__all__ = ["board"]  # fixture used here
Headers = Callable[[str], dict[str, str]]
HUGE = "99999999999999999999"


def test_a_superscript_vote_is_named_and_a_huge_item_is_not_found(
        client: FlaskClient, db: Session, board: Body, token_for: Headers) -> None:
    meeting = held(db, convened(db, proposal_of(db, a_file(db))))
    page = f"/backoffice/bodies/sessions/{meeting.id}"
    sign_in(client, "secretary")
    token = csrf_from(client.get(page).get_data(as_text=True))
    counts = {"csrf_token": token, "votes_for": "³", "votes_against": "0", "abstentions": "0"}
    refused = client.post(f"{page}/items/{meeting.items[0].id}/vote", data=counts)
    assert refused.status_code == 422
    assert "Write the number of votes (0 or more)." in refused.get_data(as_text=True)
    assert client.post(f"{page}/items/{HUGE}/vote", data=counts).status_code == 404
    api = client.post(f"/api/v1/bodies/sessions/{meeting.id}/items/{HUGE}/vote",
                      headers=token_for("secretary"), json={
        "votes_for": 3, "votes_against": 0, "abstentions": 0})
    assert api.status_code == 404
    assert bodies.get_meeting(db, meeting.id).items[0].votes_for is None


def test_the_book_page_names_numbers_it_cannot_read(client: FlaskClient, db: Session) -> None:
    sign_in(client, "clerk")
    for query in ({"year": "²⁰²⁶"}, {"number": HUGE}, {"page": "²"}):
        answer = client.get("/backoffice/bodies/resolutions", query_string=query)
        assert answer.status_code in (200, 422), (query, answer.status_code)
    named = client.get("/backoffice/bodies/resolutions", query_string={"number": HUGE})
    assert named.status_code == 422 and 'data-testid="book-errors"' in named.get_data(
        as_text=True)


def test_a_session_in_the_year_9999_is_refused(client: FlaskClient, db: Session,
                                               board: Body) -> None:
    sign_in(client, "secretary")
    form = client.get("/backoffice/bodies/sessions/new").get_data(as_text=True)
    refused = client.post("/backoffice/bodies/sessions/new", data={
        "csrf_token": csrf_from(form), "body": BOARD, "kind": "ordinary",
        "scheduled_at": "9999-12-31T23:59", "place": "Sala de juntas"})
    assert refused.status_code == 422
    assert "A session is planned at most two years ahead." in refused.get_data(as_text=True)
    assert client.get("/backoffice/bodies/sessions").status_code == 200
    assert bodies.list_meetings(db, body_key=BOARD) == []


def test_a_quorum_of_a_superscript_is_named(client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    form = client.get("/admin/bodies").get_data(as_text=True)
    refused = client.post("/admin/bodies", data={
        "csrf_token": csrf_from(form), "key": "plenary_two", "kind": "collegiate",
        "name_es": "Pleno bis", "unit_code": "AJT", "quorum_percent": "⁵⁰"})
    assert refused.status_code == 422
    assert "Give a whole number from 1 to 100." in refused.get_data(as_text=True)


def test_the_book_api_refuses_numbers_beyond_any_book(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    for query in ({"number": HUGE}, {"page": HUGE}, {"number": "²"}):
        answer = client.get("/api/v1/bodies/resolutions", query_string=query,
                            headers=token_for("clerk"))
        assert answer.status_code == 422, (query, answer.status_code)
        assert answer.get_json()["code"] == "request.validation_failed"
