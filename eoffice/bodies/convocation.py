"""Convening a session: it takes its number (gap-free per body and year of the session's
day), its agenda is frozen and the members in office on that day are listed; then the
worker (consumer of ``CONVOCATION_TOPIC``) seals the convocation with the agenda outside
any transaction and, in one transaction, records it and notifies it to every member as an
electronic notification (with an exit-register number) of the notifications context.
Delivered again, nothing is sent twice."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, documents, identity, notifications
from eoffice.bodies.domain import MeetingState
from eoffice.bodies.errors import EmptyAgenda, InvalidSessionData
from eoffice.bodies.meetings import audit_meeting
from eoffice.bodies.models import AgendaItem, Attendance, Body, Meeting, MeetingCounter
from eoffice.bodies.sessions_access import locked_meeting, members_on, require_state
from eoffice.bodies.sessions_texts import (
    body_name,
    document_language,
    local_time,
    member_label,
    person_of,
    word,
)
from eoffice.bodies.sessions_views import MeetingView, get_meeting, meeting_view
from eoffice.identity import Principal
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.counters import take_next
from eoffice.shared.db import Database, current_database
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)
CONVOCATION_TOPIC = "bodies.convocation_due"
SENT = "bodies.convocation_sent"
ACTOR = "system"


def convene_meeting(session: Session, meeting_id: str, *,
                    principal: Principal) -> MeetingView:
    """Convene the planned session: EmptyAgenda without items; InvalidSessionData when
    its time has passed or the body has no members on its day. It is numbered, its agenda
    frozen, its members listed; the convocation is sealed and notified by the worker.
    Audited ``bodies.session_convened``."""
    meeting, body = locked_meeting(session, meeting_id, principal)
    require_state(meeting.state, MeetingState.PLANNED)
    items = session.scalar(select(AgendaItem.id).where(
        AgendaItem.meeting_id == meeting.id).limit(1))
    if items is None:
        raise EmptyAgenda()
    if meeting.scheduled_at <= utcnow():
        raise InvalidSessionData(errors=[FieldError(
            "scheduled_at", _("The time of the session has passed: change it first."),
            "not_future")])
    day = local_date(meeting.scheduled_at)
    members = members_on(session, body.id, day)
    if not members:
        raise InvalidSessionData(errors=[FieldError(
            "members", _("The body has no members on the day of the session."), "none")])
    meeting.year = day.year
    meeting.number = take_next(session, MeetingCounter, body_id=body.id, year=day.year)
    meeting.state, meeting.convened_at = MeetingState.CONVENED.value, utcnow()
    for member in members:
        session.add(Attendance(meeting_id=meeting.id, login=member.login, role=member.role,
                               voting=member.voting, present=False, attended=False))
    session.flush()
    outbox.enqueue(session, CONVOCATION_TOPIC, {"meeting": meeting.id},
                   dedup_key=f"{CONVOCATION_TOPIC}:{meeting.id}")
    audit_meeting(session, meeting, body, "bodies.session_convened", actor=principal.login,
                  data={"year": meeting.year, "number": meeting.number,
                        "members": [m.login for m in members]})
    return meeting_view(session, meeting)


def convocation_document(session: Session, meeting_id: str) -> str | None:
    """The id of the session's sealed convocation, once the worker has sent it."""
    events = audit.events_about(session, "meeting", [meeting_id], [SENT], limit=1)
    return str(events[0].data.get("document")) if events else None


def session_title(view: MeetingView, key: str, language: str) -> str:
    return word(key, language, kind=word(view.kind, language), label=view.label,
                body=body_name(view.body_name, language))


def convocation_data(session: Session, view: MeetingView,
                     language: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the convocation shows (the agenda, who is called), and the JSON it embeds."""
    called = [member_label(session, a.login, a.role, language) for a in view.attendance]
    data = {"fields": [[word("body", language), body_name(view.body_name, language)],
                       [word("session", language),
                        f"{word(view.kind, language)} {view.label}"],
                       [word("when", language), local_time(view.scheduled_at)],
                       [word("place", language), view.place]],
            "paragraphs": [word("convocation_text", language)],
            "agenda_heading": word("agenda", language), "called_heading": word(
                "called", language), "called": called,
            "agenda": [{"position": i.position, "title": i.title,
                        "file_number": i.file_number} for i in view.items]}
    embedded = {"body": view.body_key, "session": view.label, "kind": view.kind,
                "scheduled_at": view.scheduled_at.isoformat(), "place": view.place,
                "agenda": [{"position": i.position, "proposal": i.proposal_id,
                            "title": i.title, "file_number": i.file_number}
                           for i in view.items],
                "members": [{"login": a.login, "role": a.role} for a in view.attendance]}
    return data, embedded


def send_convocation(database: Database, meeting_id: str, *, language: str) -> bool:
    """Seal the convocation and notify it to every member called (idempotent: False when
    it was sent already or the session is not convened)."""
    with database.reader() as session:
        meeting = session.get(Meeting, meeting_id)
        if (meeting is None or meeting.state == MeetingState.PLANNED
                or convocation_document(session, meeting_id) is not None):
            return False
        view = get_meeting(session, meeting_id)
        data, embedded = convocation_data(session, view, language)
        unit = identity.describe_unit(session, view.unit_code, locale=language)
    title = session_title(view, "convocation", language)
    prepared = documents.prepare_document(
        doc_type=documents.DocumentType.NOTIFICATION, title=title, data=data,
        language=language, unit_code=view.unit_code, unit_name=unit.name,
        attachments_json={"convocation.json": embedded}, template="bodies_convocation")
    with database.unit_of_work() as session:
        meeting = session.get(Meeting, meeting_id, with_for_update=True)
        if meeting is None or convocation_document(session, meeting_id) is not None:
            return False
        issued = documents.record_document(session, prepared, actor=ACTOR)
        sent = _notify_members(session, meeting, view, issued.id, title)
        body = session.get(Body, meeting.body_id)
        assert body is not None
        audit_meeting(session, meeting, body, SENT, actor=ACTOR,
                      data={"document": issued.id, "sha256": issued.sha256,
                            "verification_code": issued.verification_code,
                            "notifications": sent})
    return True


def _notify_members(session: Session, meeting: Meeting, view: MeetingView,
                    document_id: str, title: str) -> dict[str, str]:
    """Notify the convocation to each member called; {login: notification id}."""
    sent: dict[str, str] = {}
    rows = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    for row in rows:
        person = person_of(session, row.login)
        if person is None:
            log.warning("session %s: member %s has no account; not notified",
                        meeting.id, row.login)
            continue
        notified = notifications.notify(session, notifications.NewNotification(
            file_number=None, document_id=document_id, addressee_id_number=person[1],
            addressee_name=person[0], subject=title, sending_unit=view.unit_code),
            actor=ACTOR)
        row.convocation_id = notified.id
        sent[row.login] = notified.id
    session.flush()
    return sent


def convocation_due(delivery: Delivery) -> None:
    """The consumer of ``CONVOCATION_TOPIC`` (payload ``meeting``)."""
    send_convocation(current_database(), str(delivery.payload["meeting"]),
                     language=document_language())
