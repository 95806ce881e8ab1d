"""What staff read of proposals and sessions. The agenda of a session (titles, votes,
results) is known across the city hall; the text of a proposal (it may name the people
of a file) and the session's documents are for the insiders: the secretary's office of
the body, the body's members today, and those who read files in the proposal's unit."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.bodies.models import Body, Meeting
from eoffice.bodies.sessions_access import may_run_sessions, members_on
from eoffice.bodies.sessions_views import MeetingView, ProposalView
from eoffice.identity import Permission, Principal
from eoffice.shared.localtime import local_date, local_today


@dataclass
class Reading:
    """The insiders' test for one principal, remembering each body's answer."""

    session: Session
    principal: Principal
    _insiders: dict[tuple[str, date], bool] = field(default_factory=dict)

    def insider(self, body_key: str, body_unit: str, day: date) -> bool:
        """The secretary's office of the body or one of its members on ``day``."""
        if (body_key, day) not in self._insiders:
            body_id = self.session.scalar(select(Body.id).where(Body.key == body_key))
            members = members_on(self.session, body_id, day) if body_id else []
            self._insiders[body_key, day] = (
                may_run_sessions(self.principal, body_unit)
                or any(m.login == self.principal.login for m in members))
        return self._insiders[body_key, day]

    def reads_text(self, body_key: str, body_unit: str, unit_code: str,
                   day: date | None = None) -> bool:
        """Whether the text of a proposal of ``unit_code`` to the body is shown (members
        on ``day``: the session's, or today for a proposal waiting for one)."""
        return (self.principal.can(Permission.VIEW_FILES, unit=unit_code)
                or self.insider(body_key, body_unit, day or local_today()))

    def proposals(self, views: list[ProposalView]) -> list[ProposalView]:
        """The proposals whose text this principal reads."""
        return [view for view in views if self.proposal(view)]

    def proposal(self, view: ProposalView) -> bool:
        """Whether this principal reads the proposal (else it is not found)."""
        return self.reads_text(view.body_key, view.body_unit, view.unit_code)

    def meeting(self, view: MeetingView) -> MeetingView:
        """``view`` with the text of the items this principal does not read left blank
        (the body's members of the session's day read them all)."""
        day = local_date(view.scheduled_at)
        items = [item if self.reads_text(view.body_key, view.unit_code, item.unit_code, day)
                 else replace(item, text="") for item in view.items]
        return replace(view, items=items)


def minutes_rule(session: Session, principal: Principal,
                 document: documents.DocumentView) -> bool | None:
    """The documents' access rule for the minutes of a session: the body's members on
    the session's day read them (the unit's staff already do); others, not ours to say."""
    meeting = session.scalar(select(Meeting).where(Meeting.minutes_document_id == document.id))
    if meeting is None:
        return None
    members = members_on(session, meeting.body_id, local_date(meeting.scheduled_at))
    return True if any(m.login == principal.login for m in members) else None
