"""Holding a convened session: who attended (from the session's day; it can be corrected
until the first vote), the quorum (the body's percentage of its voting members, with
the chair and the secretary present), the votes on each item (they must add up to the
voting members present, or nothing is stored) and withdrawing an item (its proposal is
carried over, accepted, to a later session)."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.bodies.domain import (
    DEFAULT_QUORUM_PERCENT,
    ItemResult,
    MeetingState,
    MemberRole,
    ProposalState,
    TieWithoutCastingVote,
    quorum_reached,
    vote_result,
)
from eoffice.bodies.errors import (
    CastingVoteNeeded,
    InvalidSessionData,
    NoQuorum,
    VotesDoNotAddUp,
    WrongSessionState,
)
from eoffice.bodies.meetings import audit_meeting
from eoffice.bodies.models import AgendaItem, Attendance, Meeting, Proposal
from eoffice.bodies.proposals import MAX_REASON
from eoffice.bodies.sessions_access import locked_meeting, require_state
from eoffice.bodies.sessions_views import AttendanceView, MeetingView, meeting_view
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date, local_today


def quorum_problem(attendance: Collection[AttendanceView], quorum_percent: int | None,
                   ) -> str | None:
    """Why the session cannot vote with this attendance (a sentence), None when it can."""
    voters = [a for a in attendance if a.voting]
    present = [a for a in voters if a.present]
    if not quorum_reached(len(present), len(voters), quorum_percent):
        return str(_("%(present)s of %(voters)s voting members are present; the quorum "
                     "is %(percent)s%%.", present=len(present), voters=len(voters),
                     percent=DEFAULT_QUORUM_PERCENT if quorum_percent is None
                     else quorum_percent))
    for role, name in ((MemberRole.CHAIR, _("the chair")),
                       (MemberRole.SECRETARY, _("the secretary"))):
        if any(a.role == role for a in attendance) and not any(
                a.role == role and a.present for a in attendance):
            return str(_("The session needs %(whom)s present.", whom=name))
    return None


def _rows(session: Session, meeting: Meeting) -> list[Attendance]:
    return list(session.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting.id).order_by(Attendance.id)))


def record_attendance(session: Session, meeting_id: str, *, present: Collection[str],
                      principal: Principal) -> MeetingView:
    """Record who of the members called is ``present`` (logins; the rest are absent):
    the session is held. Recorded again when someone arrives or leaves: the items voted
    keep the voting members present when they were voted, later votes count the new
    attendance. Refused (WrongSessionState) before it is convened and before its day;
    InvalidSessionData for a login not called. Audited ``bodies.attendance_recorded``."""
    meeting, body = locked_meeting(session, meeting_id, principal)
    require_state(meeting.state, MeetingState.CONVENED, MeetingState.HELD)
    if local_today() < local_date(meeting.scheduled_at):
        raise WrongSessionState(_("The session has not begun: its day is %(day)s.",
                                  day=local_date(meeting.scheduled_at).isoformat()))
    rows = _rows(session, meeting)
    unknown = set(present) - {row.login for row in rows}
    if unknown:
        raise InvalidSessionData(errors=[FieldError(
            "present", _("Only members called to the session can attend it."),
            "not_called")])
    for row in rows:
        row.present = row.login in present
        row.attended = row.attended or row.present
    meeting.state = MeetingState.HELD.value
    meeting.held_at = meeting.held_at or utcnow()
    session.flush()
    view = meeting_view(session, meeting)
    audit_meeting(session, meeting, body, "bodies.attendance_recorded",
                  actor=principal.login,
                  data={"present": sorted(r.login for r in rows if r.present),
                        "absent": sorted(r.login for r in rows if not r.present),
                        "quorum": quorum_problem(view.attendance, body.quorum_percent)
                        is None})
    return view


def _item(session: Session, meeting: Meeting, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id, with_for_update=True)
    if item is None or item.meeting_id != meeting.id:
        raise InvalidSessionData(errors=[FieldError(
            "item", _("There is no such item on the agenda."), "unknown")])
    return item


def record_vote(session: Session, meeting_id: str, item_id: int, *,
                votes_for: int, votes_against: int, abstentions: int,
                principal: Principal, casting_vote: str | None = None) -> MeetingView:
    """Record the vote on an item of the held session, with the voting members present
    at that moment; again, to correct it, until the minutes are drawn up (a correction
    keeps the members present when it was voted, whoever came or left since). A tie is
    decided by the chair's ``casting_vote`` (``for``/``against``; CastingVoteNeeded
    without it). WrongSessionState before the attendance is recorded or on a withdrawn
    item; NoQuorum without quorum; VotesDoNotAddUp when the counts (never negative) do
    not add up to the voting members present. Audited ``bodies.vote_recorded``."""
    meeting, body = locked_meeting(session, meeting_id, principal)
    require_state(meeting.state, MeetingState.HELD)
    item = _item(session, meeting, item_id)
    require_state(item.result, ItemResult.PENDING, ItemResult.ADOPTED, ItemResult.REJECTED)
    if item.result != ItemResult.PENDING and item.voters_present is not None:
        voters = item.voters_present  # a correction: the vote as it was, members then
    else:
        view = meeting_view(session, meeting)
        problem = quorum_problem(view.attendance, body.quorum_percent)
        if problem is not None:
            raise NoQuorum(problem)
        voters = sum(1 for a in view.attendance if a.voting and a.present)
    try:
        result = vote_result(votes_for, votes_against, abstentions, voters, casting_vote)
    except TieWithoutCastingVote as exc:
        raise CastingVoteNeeded() from exc
    except ValueError as exc:
        raise VotesDoNotAddUp(_(
            "%(for_)s in favour, %(against)s against and %(abstentions)s abstentions do "
            "not add up to the %(voters)s voting members present.", for_=votes_for,
            against=votes_against, abstentions=abstentions, voters=voters)) from exc
    item.votes_for, item.votes_against, item.abstentions = (
        votes_for, votes_against, abstentions)
    item.casting_vote = casting_vote if votes_for == votes_against > 0 else None
    item.result, item.voters_present = result.value, voters
    session.flush()
    audit_meeting(session, meeting, body, "bodies.vote_recorded", actor=principal.login,
                  data={"proposal": item.proposal_id, "for": votes_for,
                        "against": votes_against, "abstentions": abstentions,
                        "casting_vote": item.casting_vote, "voters_present": voters,
                        "result": result.value})
    return meeting_view(session, meeting)


def withdraw_item(session: Session, meeting_id: str, item_id: int, *, reason: str = "",
                  principal: Principal) -> MeetingView:
    """Withdraw an item not yet voted from the held session (left on the table): the
    proposal is withdrawn and carried over as a new accepted proposal of the same file,
    waiting for a later session. Audited ``bodies.agenda_item_withdrawn``."""
    meeting, body = locked_meeting(session, meeting_id, principal)
    require_state(meeting.state, MeetingState.HELD)
    item = _item(session, meeting, item_id)
    require_state(item.result, ItemResult.PENDING)
    proposal = session.get(Proposal, item.proposal_id, with_for_update=True)
    assert proposal is not None
    item.result = ItemResult.WITHDRAWN.value
    proposal.state = ProposalState.WITHDRAWN.value
    proposal.outcome_reason = reason.strip()[:MAX_REASON] or None
    now = utcnow()
    carried = Proposal(
        id=str(uuid.uuid4()), body_id=proposal.body_id, file_id=proposal.file_id,
        file_number=proposal.file_number, procedure_code=proposal.procedure_code,
        unit_code=proposal.unit_code, title=proposal.title, text=proposal.text,
        document_id=proposal.document_id, state=ProposalState.ACCEPTED.value,
        created_at=now, created_by=principal.login, accepted_at=now,
        accepted_by=principal.login)
    session.add(carried)
    session.flush()
    audit_meeting(session, meeting, body, "bodies.agenda_item_withdrawn",
                  actor=principal.login,
                  data={"proposal": proposal.id, "carried_over_as": carried.id,
                        "reason": proposal.outcome_reason})
    return meeting_view(session, meeting)
