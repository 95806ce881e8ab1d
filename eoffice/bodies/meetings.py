"""Planning a session of a collegiate body and building its agenda: only proposals of the
same body accepted by the secretary's office can be items, and the agenda changes (add,
remove, reorder) only while the session is planned; convening freezes it."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.bodies.domain import ItemResult, MeetingKind, MeetingState, ProposalState
from eoffice.bodies.errors import InvalidAgendaItem, InvalidSessionData
from eoffice.bodies.models import AgendaItem, Body, Meeting, Proposal
from eoffice.bodies.sessions_access import (
    collegiate_body,
    locked_meeting,
    require_runner,
    require_state,
)
from eoffice.bodies.sessions_views import MeetingView, meeting_view
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

MAX_PLACE = 200
PLANNING_HORIZON = timedelta(days=2 * 366)


def _checked_plan(kind: str, scheduled_at: datetime, place: str) -> str:
    errors: list[FieldError] = []
    if kind not in {k.value for k in MeetingKind}:
        errors.append(FieldError("kind", _("Choose an ordinary or an extraordinary "
                                           "session."), "invalid"))
    if scheduled_at.tzinfo is None or scheduled_at <= utcnow():
        errors.append(FieldError("scheduled_at", _("The session must be held later than "
                                                   "now."), "not_future"))
    elif scheduled_at > utcnow() + PLANNING_HORIZON:
        errors.append(FieldError("scheduled_at", _("A session is planned at most two years "
                                                   "ahead."), "too_far"))
    place = place.strip()
    if not place or len(place) > MAX_PLACE:
        errors.append(FieldError("place", _("Say where the session is held (up to 200 "
                                            "characters)."), "invalid"))
    if errors:
        raise InvalidSessionData(errors=errors)
    return place


def plan_meeting(session: Session, *, body_key: str, kind: str, scheduled_at: datetime,
                 place: str, principal: Principal) -> MeetingView:
    """Plan a session of the collegiate body ``body_key`` (UnknownBody) on
    ``scheduled_at`` (aware, later than now) at ``place``: state planned, empty agenda.
    Audited ``bodies.session_planned``."""
    body = collegiate_body(session, body_key)
    require_runner(principal, body)
    place = _checked_plan(kind, scheduled_at, place)
    meeting = Meeting(
        id=str(uuid.uuid4()), body_id=body.id, kind=kind, scheduled_at=scheduled_at,
        place=place, state=MeetingState.PLANNED.value, created_at=utcnow(),
        created_by=principal.login)
    session.add(meeting)
    session.flush()
    audit_meeting(session, meeting, body, "bodies.session_planned", actor=principal.login,
                  data={"kind": kind, "scheduled_at": scheduled_at.isoformat(),
                        "place": place})
    return meeting_view(session, meeting)


def add_to_agenda(session: Session, meeting_id: str, proposal_id: str, *,
                  principal: Principal) -> MeetingView:
    """Put the accepted proposal ``proposal_id`` last on the planned session's agenda
    (InvalidAgendaItem when it is unknown, of another body, or not accepted; the
    proposal is then on the agenda). Audited ``bodies.agenda_item_added``."""
    meeting, body = locked_meeting(session, meeting_id, principal)
    require_state(meeting.state, MeetingState.PLANNED)
    proposal = session.get(Proposal, proposal_id, with_for_update=True)
    if (proposal is None or proposal.body_id != meeting.body_id
            or proposal.state != ProposalState.ACCEPTED):
        raise InvalidAgendaItem()
    last = session.scalar(select(func.max(AgendaItem.position))
                          .where(AgendaItem.meeting_id == meeting.id))
    item = AgendaItem(meeting_id=meeting.id, position=(last or 0) + 1,
                      proposal_id=proposal.id, result=ItemResult.PENDING.value)
    session.add(item)
    proposal.state = ProposalState.ON_AGENDA.value
    session.flush()
    audit_meeting(session, meeting, body, "bodies.agenda_item_added", actor=principal.login,
                  data={"proposal": proposal.id, "position": item.position,
                        "title": proposal.title})
    return meeting_view(session, meeting)


def _planned_items(session: Session, meeting_id: str, principal: Principal,
                   ) -> tuple[Meeting, Body, list[AgendaItem]]:
    meeting, body = locked_meeting(session, meeting_id, principal)
    require_state(meeting.state, MeetingState.PLANNED)
    items = list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                                 .order_by(AgendaItem.position)))
    return meeting, body, items


def _item_of(items: list[AgendaItem], item_id: int) -> AgendaItem:
    item = next((item for item in items if item.id == item_id), None)
    if item is None:
        raise InvalidSessionData(errors=[FieldError(
            "item", _("There is no such item on the agenda."), "unknown")])
    return item


def _renumber(session: Session, items: list[AgendaItem]) -> None:
    """Positions 1, 2, 3… in the order of ``items``, never two items on one position on
    the way (the pair meeting/position is unique)."""
    for index, item in enumerate(items, start=1):
        item.position = -index
    session.flush()
    for index, item in enumerate(items, start=1):
        item.position = index
    session.flush()


def remove_from_agenda(session: Session, meeting_id: str, item_id: int, *,
                       principal: Principal) -> MeetingView:
    """Take an item off the planned session's agenda: its proposal waits again
    (accepted). Audited ``bodies.agenda_item_removed``."""
    meeting, body, items = _planned_items(session, meeting_id, principal)
    item = _item_of(items, item_id)
    proposal = session.get(Proposal, item.proposal_id, with_for_update=True)
    assert proposal is not None
    proposal.state = ProposalState.ACCEPTED.value
    session.delete(item)
    session.flush()
    _renumber(session, [other for other in items if other is not item])
    audit_meeting(session, meeting, body, "bodies.agenda_item_removed",
                  actor=principal.login, data={"proposal": proposal.id})
    return meeting_view(session, meeting)


def move_agenda_item(session: Session, meeting_id: str, item_id: int, *, to: int,
                     principal: Principal) -> MeetingView:
    """Move an item of the planned session's agenda to position ``to`` (1 is first;
    beyond the end is last). Audited ``bodies.agenda_reordered``."""
    meeting, body, items = _planned_items(session, meeting_id, principal)
    item = _item_of(items, item_id)
    others = [other for other in items if other is not item]
    target = min(max(to, 1), len(items))
    others.insert(target - 1, item)
    _renumber(session, others)
    audit_meeting(session, meeting, body, "bodies.agenda_reordered", actor=principal.login,
                  data={"order": [other.proposal_id for other in others]})
    return meeting_view(session, meeting)


def audit_meeting(session: Session, meeting: Meeting, body: Body, action: str, *,
                  actor: str, data: dict[str, Any] | None = None) -> None:
    """An audit event about the session ``meeting`` of ``body``."""
    audit.record_event(session, action, actor=actor, object_type="meeting",
                       object_id=meeting.id, unit_code=body.unit_code,
                       data={"body": body.key, **(data or {})})
