"""A tied vote through HTTP: the API answers 422 ``bodies.casting_vote_needed`` and
records nothing; with the chair's casting vote the item is decided; the session page
offers the casting vote and says how the tie was decided."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.bodies.models import Body
from eoffice.shared.clock import frozen_at
from tests.conftest import sign_in
from tests.integration.bodies.test_meetings_cycle import (
    DURING,
    a_file,
    board,
    convened,
    held,
    proposal_of,
)

__all__ = ["board"]  # fixture used here
Headers = Callable[[str], dict[str, str]]
EVERYONE = ["mayor", "secretary", "councillor", "head", "head2"]


def test_a_tie_is_refused_without_the_casting_vote_and_decided_with_it(
        client: FlaskClient, db: Session, board: Body, token_for: Headers) -> None:
    meeting = held(db, convened(db, proposal_of(db, a_file(db))), present=EVERYONE)
    vote = f"/api/v1/bodies/sessions/{meeting.id}/items/{meeting.items[0].id}/vote"
    tie = {"votes_for": 2, "votes_against": 2, "abstentions": 0}
    with frozen_at(DURING):
        secretary = token_for("secretary")
        refused = client.post(vote, headers=secretary, json=tie)
        assert refused.status_code == 422
        assert refused.json["code"] == "bodies.casting_vote_needed"
        wrong = client.post(vote, headers=secretary, json={**tie, "casting_vote": "maybe"})
        assert wrong.status_code == 422 and wrong.json["code"] != "bodies.casting_vote_needed"
        decided = client.post(vote, headers=secretary, json={**tie, "casting_vote": "against"})
    assert decided.status_code == 200
    item = decided.json["items"][0]
    assert (item["result"], item["casting_vote"], item["voters_present"]) == (
        "rejected", "against", 4)
    sign_in(client, "secretary")
    html = client.get(f"/backoffice/bodies/sessions/{meeting.id}").get_data(as_text=True)
    assert 'name="casting_vote"' in html
    assert "Tie decided by the chair's casting vote against." in html
