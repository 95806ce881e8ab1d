"""The whole life of a collegiate body's work at service level, on a real database with
the real tray and worker: a proposal from a file is accepted, put on a session's agenda,
the session is convened (numbered, the convocation sealed and notified to every member),
held (attendance, votes), its minutes drawn up and signed by the secretary and the chair,
and the worker issues the sealed certificate into the file and tells the file's process.

The helpers here (a board of our own, a file, principals) serve the other tests of the
collegiate bodies too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import bodies, documents, files, identity
from eoffice.audit.models import AuditEvent
from eoffice.bodies.models import Body, BodyMember, Competence
from eoffice.identity import Principal
from eoffice.notifications.models import Notification
from eoffice.shared.clock import frozen_at, utcnow
from eoffice.shared.outbox import OutboxMessage
from tests.conftest import run_worker
from tests.pdfs import pdf_text

PROCEDURE = "test-board-procedure"
BOARD = "test_board"
#: The session's time: the day after tomorrow in the morning (planned and convened now;
#: attendance and votes are recorded with the clock on that day).
DAY = (datetime.now(UTC) + timedelta(days=2)).replace(hour=9, minute=0, second=0,
                                                      microsecond=0)
DURING = DAY + timedelta(hours=1)
LABEL = f"1/{DAY.year}"
MEMBERS = [("mayor", "chair", True), ("secretary", "secretary", False),
           ("councillor", "member", True), ("head", "member", True),
           ("head2", "member", True)]
PRESENT = ["mayor", "secretary", "councillor", "head"]  # head2 is absent: 3 of 4 voters


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def make_board(db: Session, *, key: str = BOARD, procedure: str | None = PROCEDURE,
               quorum: int = 50) -> Body:
    """A collegiate body of the city served by AJT: the mayor chairs, the secretary
    (without a vote) takes the minutes, three members vote."""
    body = Body(key=key, kind="collegiate", name={"es": "Junta de prueba",
                                                  "ca": "Junta de prova", "en": "Test board"},
                unit_code="AJT", quorum_percent=quorum, active=True, created_at=utcnow())
    db.add(body)
    db.flush()
    for login, role, voting in MEMBERS:
        db.add(BodyMember(body_id=body.id, login=login, role=role, voting=voting,
                          valid_from=date(2020, 1, 1), valid_to=None))
    if procedure:
        db.add(Competence(procedure_code=procedure, body_id=body.id))
    db.flush()
    return body


@pytest.fixture
def board(db: Session) -> Body:
    return make_board(db)


def principal(db: Session, login: str) -> Principal:
    return identity.load_principal(db, identity.get_account(db, login),
                                   authenticated_by="session")


def a_file(db: Session, subject: str = "Subvención cultural") -> files.FileView:
    return files.open_file(db, files.NewFile(
        unit_code="URB", subject=subject,
        parties=[{"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
                  "role": "interested"}]), actor="clerk")


def proposal_of(db: Session, opened: files.FileView, *, accept: bool = True,
                title: str = "Conceder la subvención") -> bodies.ProposalView:
    proposal = bodies.propose_agreement(
        db, procedure_code=PROCEDURE, file_id=opened.id, file_number=opened.number,
        unit_code="URB", title=title, text="Se concede la subvención de 3.000 euros.",
        actor="clerk")
    if accept:
        proposal = bodies.accept_proposal(db, proposal.id, principal=principal(db, "secretary"))
    return proposal


def planned(db: Session, *proposals: bodies.ProposalView,
            key: str = BOARD) -> bodies.MeetingView:
    secretary = principal(db, "secretary")
    meeting = bodies.plan_meeting(db, body_key=key, kind="ordinary", scheduled_at=DAY,
                                  place="Sala de juntas", principal=secretary)
    for proposal in proposals:
        meeting = bodies.add_to_agenda(db, meeting.id, proposal.id, principal=secretary)
    return meeting


def convened(db: Session, *proposals: bodies.ProposalView) -> bodies.MeetingView:
    meeting = planned(db, *proposals)
    return bodies.convene_meeting(db, meeting.id, principal=principal(db, "secretary"))


def held(db: Session, meeting: bodies.MeetingView,
         present: list[str] | None = None) -> bodies.MeetingView:
    with frozen_at(DURING):
        return bodies.record_attendance(db, meeting.id, present=present or PRESENT,
                                        principal=principal(db, "secretary"))


def vote(db: Session, meeting: bodies.MeetingView, position: int, counts: tuple[int, int, int],
         ) -> bodies.MeetingView:
    item = meeting.items[position - 1]
    with frozen_at(DURING):
        return bodies.record_vote(db, meeting.id, item.id, votes_for=counts[0],
                                  votes_against=counts[1], abstentions=counts[2],
                                  principal=principal(db, "secretary"))


def sign(db: Session, circuit_id: str, signer: str) -> documents.CircuitView:
    prepared = documents.prepare_tray_signature(db, circuit_id, signer=signer)
    return documents.record_tray_signature(db, prepared)


def decided_messages(db: Session) -> list[dict[str, object]]:
    rows = db.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == bodies.AGREEMENT_DECIDED_TOPIC).order_by(OutboxMessage.id))
    return [dict(row.payload) for row in rows]


def content(db: Session, document_id: str) -> bytes:
    _version, chunks = documents.open_content(db, document_id)
    return b"".join(chunks)


def test_a_proposal_goes_from_the_file_to_a_signed_agreement_certified_in_the_file(
        db: Session, app: Flask, in_app: None, board: Body) -> None:
    opened = a_file(db)
    adopted = proposal_of(db, opened)
    other = proposal_of(db, a_file(db, "Otra subvención"), title="Denegar la subvención")
    meeting = convened(db, adopted, other)
    assert (meeting.state, meeting.label) == ("convened", LABEL)
    assert [a.login for a in meeting.attendance] == [
        "mayor", "councillor", "head", "head2", "secretary"]
    assert bodies.get_proposal(db, adopted.id).state == "on_agenda"

    run_worker(app)  # the convocation is sealed and notified to each member
    meeting = bodies.get_meeting(db, meeting.id)
    notified = db.scalars(select(Notification).where(Notification.id.in_(
        [a.convocation_id for a in meeting.attendance]))).all()
    assert len(notified) == 5 and all(n.exit_number for n in notified)
    convocation = pdf_text(content(db, notified[0].document_id))
    assert "Conceder la subvención" in convocation and "Sala de juntas" in convocation

    meeting = held(db, meeting)
    meeting = vote(db, meeting, 1, (3, 0, 0))
    meeting = vote(db, meeting, 2, (1, 2, 0))
    assert [i.result for i in meeting.items] == ["adopted", "rejected"]
    meeting = bodies.close_meeting(db, meeting.id, principal=principal(db, "secretary"))
    assert meeting.state == "minutes_signing" and meeting.minutes_circuit_id
    minutes = pdf_text(content(db, meeting.minutes_document_id or ""))
    assert "Votes in favour: 3; against: 0; abstentions: 0" in minutes
    assert "Absent: " in minutes

    circuit = sign(db, meeting.minutes_circuit_id, "secretary")
    assert circuit.state == "pending"  # the chair's approval is still missing
    sign(db, meeting.minutes_circuit_id, "mayor")
    assert bodies.get_meeting(db, meeting.id).state == "closed"

    run_worker(app)  # the certificates
    meeting = bodies.get_meeting(db, meeting.id)
    certificate_id = meeting.items[0].certificate_document_id
    assert certificate_id and meeting.items[1].certificate_document_id
    brief = files.find_file_brief(db, opened.id)
    assert brief is not None and certificate_id in {d.document_id for d in brief.documents}
    certificate = documents.get_document(db, certificate_id)
    assert certificate.doc_type == "certificate" and certificate.verification_code
    certified = " ".join(pdf_text(content(db, certificate_id)).split())
    assert "Se concede la subvención" in certified
    minutes = documents.get_document(db, meeting.minutes_document_id or "")
    assert minutes.identifier in certified  # cited by identifier: its code would open it
    assert minutes.verification_code not in certified
    assert bodies.get_proposal(db, adopted.id).state == "adopted"
    assert bodies.get_proposal(db, other.id).state == "not_adopted"
    messages = {m["proposal"]: m for m in decided_messages(db)}
    assert messages[adopted.id] == {
        "proposal": adopted.id, "file_id": opened.id, "file_number": opened.number,
        "result": "adopted", "certificate": certificate_id, "meeting": meeting.id,
        "votes": {"for": 3, "against": 0, "abstentions": 0}, "reason": None}
    assert messages[other.id]["result"] == "rejected"


def test_rejected_minutes_take_the_session_back_to_held_to_correct_the_votes(
        db: Session, in_app: None, board: Body) -> None:
    meeting = held(db, convened(db, proposal_of(db, a_file(db))))
    meeting = vote(db, meeting, 1, (2, 1, 0))
    meeting = bodies.close_meeting(db, meeting.id, principal=principal(db, "secretary"))
    documents.reject_in_tray(db, meeting.minutes_circuit_id or "", signer="secretary",
                             reason="El recuento es 3 a favor")
    assert bodies.get_meeting(db, meeting.id).state == "held"
    meeting = vote(db, bodies.get_meeting(db, meeting.id), 1, (3, 0, 0))
    again = bodies.close_meeting(db, meeting.id, principal=principal(db, "secretary"))
    assert again.state == "minutes_signing"
    assert again.minutes_circuit_id != meeting.minutes_circuit_id
    actions = db.scalars(select(AuditEvent.action).where(
        AuditEvent.object_id == meeting.id)).all()
    assert "bodies.minutes_rejected" in actions


def test_sessions_are_numbered_one_after_another_per_body_and_year(
        db: Session, in_app: None, board: Body) -> None:
    first = convened(db, proposal_of(db, a_file(db)))
    second = convened(db, proposal_of(db, a_file(db)))
    assert (first.label, second.label) == (LABEL, f"2/{DAY.year}")
