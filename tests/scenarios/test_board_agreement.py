"""Must-show 2: the demo procedure ``cultural-subsidy`` is resolved by the local
government board. The culture clerk reviews the application and drafts the proposal of
agreement (rendered into the file and proposed to the board); the secretary accepts it,
plans a session with it on the agenda and convenes it; attendance and votes are
recorded and the session closed; the minutes are signed in the tray by the secretary and
the chair (the mayor); the worker issues the certificate of the agreement into the file
and the file's process resumes: the file is resolved and the certificate is notified to
the applicant, after which the file is closed. A proposal returned by the secretary or
not adopted by the board goes back to the clerk with the reason; an item left on the
table waits for a later session."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from SpiffWorkflow.util.task import TaskState as SpiffState
from sqlalchemy.orm import Session

from eoffice import bodies, identity, notifications
from eoffice.processing.services import instances
from eoffice.shared.clock import frozen_at, utcnow
from tests.conftest import run_worker
from tests.scenarios import steps

GRANT = "Grant 3,000 euros to the Banda de Música for its 2027 programme."
PRESENT = ["mayor", "secretary", "councillor", "head"]  # three of the four voters


@pytest.fixture
def culture_clerk(db: Session, in_app: None) -> str:
    """A clerk of the culture service (CUL): the demo's, or Clara given the role."""
    found = sorted(member.login for member in identity.list_unit_staff(db, "CUL", locale="en")
                   if member.role_key == "clerk")
    if found:
        return found[0]
    identity.assign_role(db, identity.get_account(db, "clerk"), "clerk", unit_code="CUL",
                         actor="test")
    return "clerk"


def _subsidy_file(app: Flask, db: Session, clerk: str) -> str:
    """A cultural-subsidy file whose proposal of agreement the clerk has drafted."""
    file_id = steps.open_file(app, db, procedure="cultural-subsidy", case="annual-programme",
                              unit="CUL", subject="Banda de Música: 2027 programme")
    assert steps.waiting_task(db, file_id) == ("Task_review_application", "CUL", "clerk")
    steps.complete(db, file_id, "Task_review_application", clerk,
                   assessment="Meets every criterion of the call: 82 points.")
    assert steps.waiting_task(db, file_id) == ("Task_draft_proposal", "CUL", "clerk")
    steps.complete(db, file_id, "Task_draft_proposal", clerk, decision="granted",
                   resolution_text=GRANT)
    return file_id


def _proposal(db: Session, file_id: str, state: str = "submitted") -> bodies.ProposalView:
    found = [p for p in bodies.list_proposals(db, file_id=file_id) if p.state == state]
    assert len(found) == 1, [(p.id, p.state) for p in bodies.list_proposals(
        db, file_id=file_id)]
    return found[0]


def _session(app: Flask, db: Session, proposal_id: str, *,
             votes: tuple[int, int, int] | None) -> bodies.MeetingView:
    """The secretary puts the proposal on the agenda of a session of the board, convenes
    and holds it (the votes, or no votes: the item left on the table), and the minutes are signed by
    the secretary and the chair; the worker passes everything on."""
    secretary = steps.principal(db, "secretary")
    at = utcnow() + timedelta(hours=1)
    meeting = bodies.plan_meeting(db, body_key="local_board", kind="ordinary",
                                  scheduled_at=at, place="Sala de juntas",
                                  principal=secretary)
    meeting = bodies.add_to_agenda(db, meeting.id, proposal_id, principal=secretary)
    bodies.convene_meeting(db, meeting.id, principal=secretary)
    db.flush()
    run_worker(app)  # the convocation is notified to every member
    with frozen_at(at + timedelta(minutes=5)):
        held = bodies.record_attendance(db, meeting.id, present=PRESENT,
                                        principal=secretary)
        item = held.items[0].id
        if votes is None:
            bodies.withdraw_item(db, meeting.id, item, reason="More data is needed.",
                                 principal=secretary)
        else:
            bodies.record_vote(db, meeting.id, item, votes_for=votes[0],
                               votes_against=votes[1], abstentions=votes[2],
                               principal=secretary)
        closed = bodies.close_meeting(db, meeting.id, principal=secretary)
        db.flush()
        steps.sign_in_tray(app, db, "secretary")  # the minutes, then the chair's approval
        steps.sign_in_tray(app, db, "mayor")
        run_worker(app)  # the certificates, then the agreements reach the process
        run_worker(app)
    db.expire_all()
    return bodies.get_meeting(db, closed.id)


def _draft_data(db: Session, file_id: str) -> dict[str, Any]:
    """The process variables the clerk's drafting task sees."""
    workflow = instances.load_workflow(db, steps.instance_of(db, file_id), "test")
    ready = workflow.get_tasks(state=SpiffState.READY, max_depth=10**9)
    ready = [t for t in ready if t.task_spec.bpmn_id == "Task_draft_proposal"]
    assert len(ready) == 1
    return dict(ready[0].data)


def test_the_board_adopts_the_agreement_and_the_process_resumes_with_its_certificate(
        app: Flask, db: Session, culture_clerk: str) -> None:
    file_id = _subsidy_file(app, db, culture_clerk)
    proposal = _proposal(db, file_id)
    assert proposal.body_key == "local_board" and proposal.text == GRANT
    held = {d.document_id: d.kind for d in steps.documents_of(db, file_id)}
    assert held[proposal.document_id or ""] == "report"  # the proposal, in the file
    assert steps.open_tasks(db, file_id) == []  # the process waits for the board

    bodies.accept_proposal(db, proposal.id, principal=steps.principal(db, "secretary"))
    meeting = _session(app, db, proposal.id, votes=(2, 0, 1))

    assert meeting.state == "closed" and meeting.items[0].result == "adopted"
    certificate = meeting.items[0].certificate_document_id
    assert certificate is not None
    assert _proposal(db, file_id, "adopted").id == proposal.id
    in_file = [(d.document_id, d.kind) for d in steps.documents_of(db, file_id)]
    assert (certificate, "certificate") in in_file
    assert steps.file_row(db, file_id).phase == "resolved"
    number = steps.file_row(db, file_id).number
    notified = notifications.notifications_of_file(db, number)
    assert [n.document_id for n in notified] == [certificate]  # the agreement, notified

    steps.notifications_accessed(app, db, file_id)
    closed = steps.file_row(db, file_id)
    assert (closed.state, closed.phase) == ("closed", "notified")
    assert steps.finished(db, file_id)


def test_a_proposal_returned_by_the_secretary_goes_back_to_the_clerk_with_the_reason(
        app: Flask, db: Session, culture_clerk: str) -> None:
    file_id = _subsidy_file(app, db, culture_clerk)
    proposal = _proposal(db, file_id)
    bodies.return_proposal(db, proposal.id, principal=steps.principal(db, "secretary"),
                           reason="Attach the report of the culture technician.")
    db.flush()
    run_worker(app)

    assert steps.waiting_task(db, file_id) == ("Task_draft_proposal", "CUL", "clerk")
    assert _draft_data(db, file_id)["agreement_rejection"] == (
        "Attach the report of the culture technician.")
    steps.complete(db, file_id, "Task_draft_proposal", culture_clerk, decision="granted",
                   resolution_text=GRANT + "\n\nThe technician's report is attached.")
    again = _proposal(db, file_id)
    assert again.id != proposal.id and again.document_id != proposal.document_id


def test_an_agreement_not_adopted_goes_back_to_the_clerk_with_the_votes(
        app: Flask, db: Session, culture_clerk: str) -> None:
    file_id = _subsidy_file(app, db, culture_clerk)
    proposal = _proposal(db, file_id)
    bodies.accept_proposal(db, proposal.id, principal=steps.principal(db, "secretary"))
    meeting = _session(app, db, proposal.id, votes=(1, 2, 0))

    assert meeting.items[0].result == "rejected"
    assert steps.waiting_task(db, file_id) == ("Task_draft_proposal", "CUL", "clerk")
    assert "1 in favour, 2 against" in _draft_data(db, file_id)["agreement_rejection"]
    assert steps.file_row(db, file_id).phase != "resolved"


def test_an_item_left_on_the_table_is_adopted_in_a_later_session(
        app: Flask, db: Session, culture_clerk: str) -> None:
    file_id = _subsidy_file(app, db, culture_clerk)
    proposal = _proposal(db, file_id)
    bodies.accept_proposal(db, proposal.id, principal=steps.principal(db, "secretary"))
    _session(app, db, proposal.id, votes=None)
    assert steps.open_tasks(db, file_id) == []  # still waiting for the board

    carried = _proposal(db, file_id, "accepted")
    assert carried.document_id == proposal.document_id
    later = _session(app, db, carried.id, votes=(3, 0, 0))
    assert later.items[0].result == "adopted"
    assert steps.file_row(db, file_id).phase == "resolved"
    number = steps.file_row(db, file_id).number
    assert [n.document_id for n in notifications.notifications_of_file(db, number)] == [
        later.items[0].certificate_document_id]
