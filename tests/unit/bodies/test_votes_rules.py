"""The pure rules of a collegiate body's vote: a simple majority of the votes cast, a tie
decided by the chair's casting vote, counts that must add up to the voting members
present, and the quorum (a percentage of the voting members, with the chair and the
secretary present)."""

from __future__ import annotations

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st

from eoffice.bodies.domain import (
    ItemResult,
    TieWithoutCastingVote,
    quorum_reached,
    vote_result,
)
from eoffice.bodies.meetings_holding import quorum_problem
from eoffice.bodies.sessions_views import AttendanceView


@pytest.mark.parametrize(("counts", "result"), [
    ((3, 1, 0), ItemResult.ADOPTED),
    ((1, 0, 3), ItemResult.ADOPTED),  # abstentions do not count against
    ((0, 0, 4), ItemResult.REJECTED),  # everybody abstains: nothing to decide
])
def test_an_agreement_is_adopted_by_more_votes_in_favour_than_against(
        counts: tuple[int, int, int], result: ItemResult) -> None:
    assert vote_result(*counts, present_voters=sum(counts)) == result


@given(st.integers(-3, 8), st.integers(-3, 8), st.integers(-3, 8), st.integers(0, 20))
def test_counts_that_do_not_add_up_or_are_negative_are_refused(
        votes_for: int, against: int, abstentions: int, present: int) -> None:
    counts = (votes_for, against, abstentions)
    if min(counts) >= 0 and sum(counts) == present:
        assert vote_result(*counts, present_voters=present, casting_vote="for") in {
            ItemResult.ADOPTED, ItemResult.REJECTED}
    else:
        with pytest.raises(ValueError):
            vote_result(*counts, present_voters=present)


@pytest.mark.parametrize(("casting", "result"), [
    ("for", ItemResult.ADOPTED), ("against", ItemResult.REJECTED)])
def test_a_tie_is_decided_by_the_chairs_casting_vote(casting: str,
                                                     result: ItemResult) -> None:
    assert vote_result(2, 2, 1, present_voters=5, casting_vote=casting) == result
    assert vote_result(3, 1, 1, present_voters=5, casting_vote="against") == (
        ItemResult.ADOPTED)  # no tie: the casting vote plays no part
    for missing in (None, "maybe"):
        with pytest.raises(TieWithoutCastingVote):
            vote_result(2, 2, 1, present_voters=5, casting_vote=missing)


@pytest.mark.parametrize(("present", "voters", "percent", "reached"), [
    (2, 4, 50, True), (1, 4, 50, False), (2, 5, 50, False), (3, 5, 50, True),
    (2, 6, 33, True), (2, 6, 34, False), (2, 4, None, True), (0, 0, 50, False),
])
def test_the_quorum_is_a_share_of_the_voting_members(present: int, voters: int,
                                                     percent: int | None,
                                                     reached: bool) -> None:
    assert quorum_reached(present, voters, percent) is reached


def _called(*present: str) -> list[AttendanceView]:
    members = [("mayor", "chair", True), ("secretary", "secretary", False),
               ("councillor", "member", True), ("head", "member", True)]
    return [AttendanceView(login, role, voting, login in present, None)
            for login, role, voting in members]


def test_a_session_votes_only_with_its_chair_and_secretary_present(app: Flask) -> None:
    with app.test_request_context():
        assert quorum_problem(_called("mayor", "secretary", "councillor"), 50) is None
        assert "the secretary" in str(quorum_problem(_called("mayor", "councillor", "head"),
                                                     50))
        assert "the chair" in str(quorum_problem(_called("secretary", "councillor", "head"),
                                                 50))
        assert "1 of 3" in str(quorum_problem(_called("mayor", "secretary"), 50))
