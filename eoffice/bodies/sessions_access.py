"""Who may run the sessions of a collegiate body (the secretary's office: RUN_SESSIONS in
the body's unit) and who may read them (staff), the locked rows every change of a session
or a proposal starts from, and the members called to a session on its day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.bodies.domain import BodyKind, MemberRole, in_force
from eoffice.bodies.errors import (
    SessionsNotAllowed,
    UnknownBody,
    UnknownMeeting,
    UnknownProposal,
    WrongSessionState,
)
from eoffice.bodies.models import Body, BodyMember, Meeting, Proposal
from eoffice.identity import Permission, Principal


def may_run_sessions(principal: Principal, unit_code: str | None = None) -> bool:
    """Whether ``principal`` runs sessions of bodies served by ``unit_code`` (of any
    body when no unit is given)."""
    if unit_code is None:
        return principal.can(Permission.RUN_SESSIONS, somewhere=True)
    return principal.can(Permission.RUN_SESSIONS, unit=unit_code)


def may_read_sessions(principal: Principal) -> bool:
    """Staff read the proposals and sessions of every body."""
    return principal.can(Permission.USE_BACKOFFICE, somewhere=True)


def require_runner(principal: Principal, body: Body) -> None:
    if not may_run_sessions(principal, body.unit_code):
        raise SessionsNotAllowed()


def require_state(current: str, *allowed: str) -> None:
    if current not in allowed:
        raise WrongSessionState()


def collegiate_body(session: Session, key: str) -> Body:
    """The active collegiate body ``key`` (UnknownBody)."""
    body = session.scalar(select(Body).where(Body.key == key))
    if body is None or not body.active or body.kind != BodyKind.COLLEGIATE:
        raise UnknownBody()
    return body


def locked_meeting(session: Session, meeting_id: str, principal: Principal, *,
                   lock: bool = True) -> tuple[Meeting, Body]:
    """The session (its row locked, unless only read) and its body, when ``principal``
    runs its sessions."""
    meeting = session.get(Meeting, meeting_id, with_for_update=lock or None)
    if meeting is None:
        raise UnknownMeeting()
    body = session.get(Body, meeting.body_id)
    assert body is not None
    require_runner(principal, body)
    return meeting, body


def locked_proposal(session: Session, proposal_id: str) -> tuple[Proposal, Body]:
    proposal = session.get(Proposal, proposal_id, with_for_update=True)
    if proposal is None:
        raise UnknownProposal()
    body = session.get(Body, proposal.body_id)
    assert body is not None
    return proposal, body


def members_on(session: Session, body_id: int, day: date) -> list[BodyMember]:
    """The members of the body on ``day``: chair first, then members, the secretary last
    (the order of the minutes), by login within a role."""
    order = {MemberRole.CHAIR.value: 0, MemberRole.MEMBER.value: 1,
             MemberRole.SECRETARY.value: 2}
    rows = session.scalars(select(BodyMember).where(BodyMember.body_id == body_id))
    members = [row for row in rows if in_force(row.valid_from, row.valid_to, day)]
    return sorted(members, key=lambda m: (order.get(m.role, 1), m.login))


def member_in_role(members: list[BodyMember], role: MemberRole) -> str | None:
    """The login holding ``role`` among ``members`` (the first by login)."""
    return next((m.login for m in members if m.role == role), None)
