"""Votes as a session really goes: a tie is decided by the chair's casting vote (refused
without it, nothing recorded), and a member who leaves after the first vote leaves the
later votes counted on those still present; the minutes say both."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from eoffice import bodies
from eoffice.bodies import CastingVoteNeeded
from eoffice.bodies.models import Body
from eoffice.shared.clock import frozen_at
from tests.integration.bodies.test_meetings_cycle import (
    DURING,
    a_file,
    board,
    content,
    convened,
    held,
    in_app,
    principal,
    proposal_of,
    vote,
)
from tests.pdfs import pdf_text

__all__ = ["board", "in_app"]  # fixtures used here
EVERYONE = ["mayor", "secretary", "councillor", "head", "head2"]  # 4 voting members


def _votes(db: Session, *titles: str) -> bodies.MeetingView:
    return convened(db, *(proposal_of(db, a_file(db, title), title=title) for title in titles))


def test_a_tie_needs_the_chairs_casting_vote_which_the_minutes_record(
        db: Session, in_app: None, board: Body) -> None:
    meeting = held(db, _votes(db, "Subvención al coro"), present=EVERYONE)
    item = meeting.items[0]
    with frozen_at(DURING), pytest.raises(CastingVoteNeeded):
        bodies.record_vote(db, meeting.id, item.id, votes_for=2, votes_against=2,
                           abstentions=0, principal=principal(db, "secretary"))
    assert bodies.get_meeting(db, meeting.id).items[0].result == "pending"
    with frozen_at(DURING):
        decided = bodies.record_vote(db, meeting.id, item.id, votes_for=2, votes_against=2,
                                     abstentions=0, casting_vote="for",
                                     principal=principal(db, "secretary"))
        assert (decided.items[0].result, decided.items[0].casting_vote) == ("adopted", "for")
        closed = bodies.close_meeting(db, meeting.id, principal=principal(db, "secretary"))
    minutes = " ".join(pdf_text(content(db, closed.minutes_document_id or "")).split())
    assert "Tie decided by the chair's casting vote in favour." in minutes


def test_a_member_who_leaves_after_a_vote_is_not_counted_in_the_next(
        db: Session, in_app: None, board: Body) -> None:
    meeting = held(db, _votes(db, "Subvención al coro", "Subvención a la banda"),
                   present=EVERYONE)
    meeting = vote(db, meeting, 1, (4, 0, 0))
    meeting = held(db, meeting, present=["mayor", "secretary", "councillor", "head"])
    assert meeting.items[0].voters_present == 4  # the first vote keeps its count
    with frozen_at(DURING), pytest.raises(bodies.VotesDoNotAddUp):
        bodies.record_vote(db, meeting.id, meeting.items[1].id, votes_for=4,
                           votes_against=0, abstentions=0,
                           principal=principal(db, "secretary"))
    meeting = vote(db, meeting, 2, (2, 1, 0))
    assert [(i.result, i.voters_present) for i in meeting.items] == [
        ("adopted", 4), ("adopted", 3)]
    with frozen_at(DURING):
        closed = bodies.close_meeting(db, meeting.id, principal=principal(db, "secretary"))
    minutes = " ".join(pdf_text(content(db, closed.minutes_document_id or "")).split())
    assert "Voting members present: 4." in minutes and "Voting members present: 3." in minutes
    assert "Absent: None." in minutes  # head2 voted on the first item
    assert "Left before the end: Vicent Alemany Peris (member)" in minutes


def test_a_vote_corrected_after_someone_left_keeps_the_members_present_then(
        db: Session, in_app: None, board: Body) -> None:
    meeting = held(db, _votes(db, "Subvención al coro"), present=EVERYONE)
    meeting = vote(db, meeting, 1, (4, 0, 0))
    meeting = held(db, meeting, present=["mayor", "secretary", "councillor", "head"])
    corrected = vote(db, meeting, 1, (3, 1, 0))  # a miscount: still the four voters then
    assert (corrected.items[0].votes_for, corrected.items[0].voters_present) == (3, 4)
    with frozen_at(DURING), pytest.raises(bodies.VotesDoNotAddUp):
        bodies.record_vote(db, meeting.id, meeting.items[0].id, votes_for=3,
                           votes_against=0, abstentions=0,
                           principal=principal(db, "secretary"))


def test_minutes_rendered_before_a_vote_is_corrected_are_not_recorded(
        db: Session, in_app: None, board: Body) -> None:
    meeting = vote(db, held(db, _votes(db, "Subvención al coro")), 1, (3, 0, 0))
    secretary = principal(db, "secretary")
    with frozen_at(DURING):
        prepared = bodies.prepare_minutes(db, meeting.id, principal=secretary)
    meeting = vote(db, meeting, 1, (2, 1, 0))  # corrected while the PDF was rendered
    with frozen_at(DURING), pytest.raises(bodies.WrongSessionState):
        bodies.close_meeting(db, meeting.id, principal=secretary, prepared=prepared)
    assert bodies.get_meeting(db, meeting.id).state == "held"
    with frozen_at(DURING):
        fresh = bodies.prepare_minutes(db, meeting.id, principal=secretary)
        closed = bodies.close_meeting(db, meeting.id, principal=secretary, prepared=fresh)
    minutes = " ".join(pdf_text(content(db, closed.minutes_document_id or "")).split())
    assert "Votes in favour: 2; against: 1" in minutes
