"""Bad input to the collegiate bodies' services gets a clear error and changes nothing:
votes that do not add up to the voting members present, an agenda item that is not an
accepted proposal of the body, an empty agenda, votes before the session is held or
without quorum, and anyone but the secretary's office running a session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import bodies
from eoffice.audit.models import AuditEvent
from eoffice.bodies.models import Body
from eoffice.shared.clock import frozen_at
from tests.integration.bodies.test_meetings_cycle import (
    BOARD,
    DAY,
    LABEL,
    a_file,
    board,
    convened,
    decided_messages,
    held,
    in_app,
    make_board,
    planned,
    principal,
    proposal_of,
    vote,
)

__all__ = ["board", "in_app"]  # fixtures used here


def actions_about(db: Session, object_id: str) -> list[str]:
    return list(db.scalars(select(AuditEvent.action).where(AuditEvent.object_id == object_id)
                           .order_by(AuditEvent.seq)))


def test_votes_that_do_not_add_up_to_the_voters_present_are_refused_and_not_stored(
        db: Session, in_app: None, board: Body) -> None:
    meeting = held(db, convened(db, proposal_of(db, a_file(db))))
    with pytest.raises(bodies.VotesDoNotAddUp) as refused:
        vote(db, meeting, 1, (3, 1, 0))  # 4 votes, 3 voting members present
    assert "3 voting members present" in str(refused.value.detail)
    with pytest.raises(bodies.VotesDoNotAddUp):
        vote(db, meeting, 1, (4, -1, 0))
    item = bodies.get_meeting(db, meeting.id).items[0]
    assert (item.result, item.votes_for) == ("pending", None)
    assert "bodies.vote_recorded" not in actions_about(db, meeting.id)


def test_only_accepted_proposals_of_the_same_body_go_on_the_agenda(
        db: Session, in_app: None, board: Body) -> None:
    make_board(db, key="other_board", procedure="other-procedure")
    submitted = proposal_of(db, a_file(db), accept=False)
    foreign = bodies.propose_agreement(
        db, procedure_code="other-procedure", file_id=None, file_number=None,
        unit_code="URB", title="De otro órgano", text="Texto.", actor="clerk")
    bodies.accept_proposal(db, foreign.id, principal=principal(db, "secretary"))
    meeting = planned(db)
    secretary = principal(db, "secretary")
    for proposal_id in (submitted.id, foreign.id, "no-such-proposal"):
        with pytest.raises(bodies.InvalidAgendaItem):
            bodies.add_to_agenda(db, meeting.id, proposal_id, principal=secretary)
    assert bodies.get_meeting(db, meeting.id).items == []
    assert bodies.get_proposal(db, submitted.id).state == "submitted"


def test_an_empty_agenda_cannot_be_convened_and_takes_no_number(
        db: Session, in_app: None, board: Body) -> None:
    empty = planned(db)
    with pytest.raises(bodies.EmptyAgenda):
        bodies.convene_meeting(db, empty.id, principal=principal(db, "secretary"))
    assert bodies.get_meeting(db, empty.id).state == "planned"
    assert convened(db, proposal_of(db, a_file(db))).label == LABEL


def test_no_vote_before_the_session_is_held_and_no_agenda_change_after_convening(
        db: Session, in_app: None, board: Body) -> None:
    proposal = proposal_of(db, a_file(db))
    meeting = planned(db, proposal)
    with pytest.raises(bodies.WrongSessionState):
        vote(db, meeting, 1, (3, 0, 0))  # planned
    meeting = bodies.convene_meeting(db, meeting.id, principal=principal(db, "secretary"))
    with pytest.raises(bodies.WrongSessionState):
        vote(db, meeting, 1, (3, 0, 0))  # convened, attendance not recorded
    later = proposal_of(db, a_file(db))
    with pytest.raises(bodies.WrongSessionState):
        bodies.add_to_agenda(db, meeting.id, later.id, principal=principal(db, "secretary"))
    with frozen_at(DAY - timedelta(days=1)), pytest.raises(bodies.WrongSessionState):
        bodies.record_attendance(db, meeting.id, present=["mayor"],
                                 principal=principal(db, "secretary"))
    assert bodies.get_meeting(db, meeting.id).state == "convened"


def test_a_session_without_quorum_cannot_vote(db: Session, in_app: None,
                                              board: Body) -> None:
    meeting = held(db, convened(db, proposal_of(db, a_file(db))),
                   present=["mayor", "secretary"])  # 1 of 4 voting members
    with pytest.raises(bodies.NoQuorum) as refused:
        vote(db, meeting, 1, (1, 0, 0))
    assert "1 of 4 voting members" in str(refused.value.detail)
    without_secretary = held(db, meeting, present=["mayor", "councillor", "head"])
    with pytest.raises(bodies.NoQuorum):
        vote(db, without_secretary, 1, (3, 0, 0))
    assert bodies.get_meeting(db, meeting.id).items[0].result == "pending"


def test_attendance_only_of_members_called(db: Session, in_app: None, board: Body) -> None:
    meeting = convened(db, proposal_of(db, a_file(db)))
    with pytest.raises(bodies.InvalidSessionData):
        held(db, meeting, present=["mayor", "secretary", "ana"])
    assert bodies.get_meeting(db, meeting.id).state == "convened"


def test_a_clerk_without_the_secretary_office_permission_runs_no_session(
        db: Session, in_app: None, board: Body) -> None:
    clerk = principal(db, "clerk")
    proposal = proposal_of(db, a_file(db), accept=False)
    with pytest.raises(bodies.SessionsNotAllowed):
        bodies.accept_proposal(db, proposal.id, principal=clerk)
    with pytest.raises(bodies.SessionsNotAllowed):
        bodies.plan_meeting(db, body_key=BOARD, kind="ordinary", scheduled_at=DAY,
                            place="Sala", principal=clerk)
    meeting = planned(db, bodies.accept_proposal(db, proposal.id,
                                                 principal=principal(db, "secretary")))
    with pytest.raises(bodies.SessionsNotAllowed):
        bodies.convene_meeting(db, meeting.id, principal=clerk)
    assert bodies.get_meeting(db, meeting.id).state == "planned"


def test_planning_needs_a_future_time_a_place_and_a_kind(db: Session, in_app: None,
                                                         board: Body) -> None:
    with pytest.raises(bodies.InvalidSessionData) as refused:
        bodies.plan_meeting(db, body_key=BOARD, kind="secret", scheduled_at=DAY
                            - timedelta(days=30), place=" ",
                            principal=principal(db, "secretary"))
    assert {e.field for e in refused.value.errors} == {"kind", "scheduled_at", "place"}
    with pytest.raises(bodies.UnknownBody):
        bodies.plan_meeting(db, body_key="mayor_single_or_unknown", kind="ordinary",
                            scheduled_at=DAY, place="Sala",
                            principal=principal(db, "secretary"))


def test_the_minutes_wait_until_every_item_is_voted_or_withdrawn(
        db: Session, in_app: None, board: Body) -> None:
    meeting = held(db, convened(db, proposal_of(db, a_file(db)),
                                proposal_of(db, a_file(db))))
    meeting = vote(db, meeting, 1, (3, 0, 0))
    with pytest.raises(bodies.WrongSessionState):
        bodies.close_meeting(db, meeting.id, principal=principal(db, "secretary"))
    assert bodies.get_meeting(db, meeting.id).minutes_document_id is None


def test_a_withdrawn_item_leaves_its_proposal_waiting_for_a_later_session(
        db: Session, in_app: None, board: Body) -> None:
    opened = a_file(db)
    proposal = proposal_of(db, opened)
    meeting = held(db, convened(db, proposal))
    with frozen_at(DAY):
        meeting = bodies.withdraw_item(db, meeting.id, meeting.items[0].id,
                                       reason="Falta un informe",
                                       principal=principal(db, "secretary"))
    assert meeting.items[0].result == "withdrawn"
    assert bodies.get_proposal(db, proposal.id).state == "withdrawn"
    waiting = bodies.list_proposals(db, body_key=BOARD, states=("accepted",))
    assert [(p.file_id, p.title) for p in waiting] == [(opened.id, proposal.title)]
    later = planned(db, waiting[0])
    assert later.items[0].proposal_id == waiting[0].id


def test_proposals_need_a_collegiate_competent_body_and_one_per_file(
        db: Session, in_app: None, board: Body) -> None:
    with pytest.raises(bodies.InvalidBodyData):
        bodies.propose_agreement(db, procedure_code="nobody-resolves-this", file_id=None,
                                 file_number=None, unit_code="URB", title="T", text="X",
                                 actor="clerk")
    opened = a_file(db)
    proposal_of(db, opened, accept=False)
    with pytest.raises(bodies.InvalidSessionData) as refused:
        proposal_of(db, opened, accept=False)
    assert [e.code for e in refused.value.errors] == ["already_proposed"]


def test_a_returned_proposal_tells_the_file_process_why(db: Session, in_app: None,
                                                        board: Body) -> None:
    opened = a_file(db)
    proposal = proposal_of(db, opened, accept=False)
    secretary = principal(db, "secretary")
    with pytest.raises(bodies.InvalidSessionData):
        bodies.return_proposal(db, proposal.id, principal=secretary, reason="  ")
    returned = bodies.return_proposal(db, proposal.id, principal=secretary,
                                      reason="Falta el informe de intervención")
    assert (returned.state, returned.outcome_reason) == (
        "returned", "Falta el informe de intervención")
    assert decided_messages(db) == [{
        "proposal": proposal.id, "file_id": opened.id, "file_number": opened.number,
        "result": "returned", "certificate": None, "meeting": None, "votes": None,
        "reason": "Falta el informe de intervención"}]
    with pytest.raises(bodies.WrongSessionState):
        bodies.accept_proposal(db, proposal.id, principal=secretary)
