"""What other contexts, pages and the API see of the collegiate bodies' work: proposals
of agreement, sessions with their agenda items and attendance (read models built from
the bodies' tables)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.bodies.errors import UnknownMeeting, UnknownProposal
from eoffice.bodies.models import AgendaItem, Attendance, Body, Meeting, Proposal


@dataclass(frozen=True)
class ProposalView:
    """A proposal of agreement to a collegiate body."""

    id: str
    body_key: str
    body_name: dict[str, str]
    body_unit: str  # the unit serving the body (its secretary's office)
    file_id: str | None
    file_number: str | None
    procedure_code: str | None
    unit_code: str
    title: str
    text: str
    document_id: str | None
    state: str  # ProposalState
    outcome_reason: str | None
    created_at: datetime
    created_by: str
    accepted_at: datetime | None
    accepted_by: str | None


@dataclass(frozen=True)
class AgendaItemView:
    """An item of a session's agenda: its proposal, and the vote once recorded."""

    id: int
    position: int
    proposal_id: str
    title: str
    text: str
    file_id: str | None
    file_number: str | None
    unit_code: str
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    result: str  # ItemResult
    certificate_document_id: str | None
    casting_vote: str | None = None  # CastingVote: the chair's, on a tie
    voters_present: int | None = None  # the voting members present at the vote


@dataclass(frozen=True)
class AttendanceView:
    """A member called to a session, whether she is present (now; at the end once the
    session is closed), whether she attended at any time, and her convocation."""

    login: str
    role: str
    voting: bool
    present: bool
    convocation_id: str | None
    attended: bool = False


@dataclass(frozen=True)
class MeetingView:
    """A session of a collegiate body with its agenda and, once convened, who was
    called (``attendance``: present is meaningful once the session is held)."""

    id: str
    body_key: str
    body_name: dict[str, str]
    unit_code: str
    quorum_percent: int | None
    kind: str  # MeetingKind
    scheduled_at: datetime
    place: str
    state: str  # MeetingState
    year: int | None
    number: int | None
    convened_at: datetime | None
    held_at: datetime | None
    closed_at: datetime | None
    minutes_document_id: str | None
    minutes_circuit_id: str | None
    created_by: str
    items: list[AgendaItemView]
    attendance: list[AttendanceView]

    @property
    def label(self) -> str:
        """``3/2026`` once convened, else empty."""
        return f"{self.number}/{self.year}" if self.number is not None else ""

    def item(self, item_id: int) -> AgendaItemView | None:
        return next((item for item in self.items if item.id == item_id), None)


def proposal_view(session: Session, proposal: Proposal) -> ProposalView:
    body = session.get(Body, proposal.body_id)
    assert body is not None
    return ProposalView(
        id=proposal.id, body_key=body.key, body_name=dict(body.name),
        body_unit=body.unit_code, file_id=proposal.file_id, file_number=proposal.file_number,
        procedure_code=proposal.procedure_code, unit_code=proposal.unit_code,
        title=proposal.title, text=proposal.text, document_id=proposal.document_id,
        state=proposal.state, outcome_reason=proposal.outcome_reason,
        created_at=proposal.created_at, created_by=proposal.created_by,
        accepted_at=proposal.accepted_at, accepted_by=proposal.accepted_by)


def get_proposal(session: Session, proposal_id: str) -> ProposalView:
    """The proposal ``proposal_id`` (UnknownProposal)."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise UnknownProposal()
    return proposal_view(session, proposal)


def _items(session: Session, meeting_id: str) -> list[AgendaItemView]:
    rows = session.execute(select(AgendaItem, Proposal).join(
        Proposal, Proposal.id == AgendaItem.proposal_id).where(
        AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)).all()
    return [AgendaItemView(
        id=item.id, position=item.position, proposal_id=proposal.id, title=proposal.title,
        text=proposal.text, file_id=proposal.file_id, file_number=proposal.file_number,
        unit_code=proposal.unit_code, votes_for=item.votes_for,
        votes_against=item.votes_against, abstentions=item.abstentions, result=item.result,
        casting_vote=item.casting_vote, voters_present=item.voters_present,
        certificate_document_id=item.certificate_document_id) for item, proposal in rows]


def _attendance(session: Session, meeting_id: str) -> list[AttendanceView]:
    rows = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)
                           .order_by(Attendance.id))
    return [AttendanceView(row.login, row.role, row.voting, row.present, row.convocation_id,
                           bool(row.attended))
            for row in rows]


def meeting_view(session: Session, meeting: Meeting) -> MeetingView:
    body = session.get(Body, meeting.body_id)
    assert body is not None
    return MeetingView(
        id=meeting.id, body_key=body.key, body_name=dict(body.name),
        unit_code=body.unit_code, quorum_percent=body.quorum_percent, kind=meeting.kind,
        scheduled_at=meeting.scheduled_at, place=meeting.place, state=meeting.state,
        year=meeting.year, number=meeting.number, convened_at=meeting.convened_at,
        held_at=meeting.held_at, closed_at=meeting.closed_at,
        minutes_document_id=meeting.minutes_document_id,
        minutes_circuit_id=meeting.minutes_circuit_id, created_by=meeting.created_by,
        items=_items(session, meeting.id), attendance=_attendance(session, meeting.id))


def get_meeting(session: Session, meeting_id: str) -> MeetingView:
    """The session ``meeting_id`` with its agenda and attendance (UnknownMeeting)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise UnknownMeeting()
    return meeting_view(session, meeting)


def list_meetings(session: Session, *, body_key: str | None = None,
                  state: str | None = None, limit: int = 500) -> list[MeetingView]:
    """Sessions, latest date first, of one body or all, in one state or all."""
    query = select(Meeting).join(Body, Body.id == Meeting.body_id)
    if body_key:
        query = query.where(Body.key == body_key)
    if state:
        query = query.where(Meeting.state == state)
    rows = session.scalars(query.order_by(Meeting.scheduled_at.desc()).limit(limit))
    return [meeting_view(session, row) for row in rows]


def list_proposals(session: Session, *, body_key: str | None = None,
                   states: tuple[str, ...] | None = None,
                   file_id: str | None = None, limit: int = 500) -> list[ProposalView]:
    """Proposals, oldest first (the order they wait in), filtered as asked."""
    query = select(Proposal).join(Body, Body.id == Proposal.body_id)
    if body_key:
        query = query.where(Body.key == body_key)
    if states:
        query = query.where(Proposal.state.in_(states))
    if file_id:
        query = query.where(Proposal.file_id == file_id)
    rows = session.scalars(query.order_by(Proposal.created_at, Proposal.id).limit(limit))
    return [proposal_view(session, row) for row in rows]
