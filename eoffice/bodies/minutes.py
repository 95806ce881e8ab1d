"""The minutes of a held session: drawn up when the secretary's office closes it (every
item voted or withdrawn) as an unsigned PDF/A with the attendance and each item with its
votes and result, then signed in the tray by the secretary and approved (visto bueno) by
the chair, in that order. The tray's finishing hook closes the session when they are
signed (and asks the worker, on ``MINUTES_SIGNED_TOPIC``, for the certificates), or
takes it back to held when they are rejected, so the votes can be corrected."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents, identity
from eoffice.bodies.convocation import session_title
from eoffice.bodies.domain import ItemResult, MeetingState, MemberRole
from eoffice.bodies.errors import InvalidSessionData, WrongSessionState
from eoffice.bodies.meetings import audit_meeting
from eoffice.bodies.models import Body, Meeting
from eoffice.bodies.sessions_access import locked_meeting, require_state
from eoffice.bodies.sessions_texts import (
    body_name,
    document_language,
    local_time,
    member_label,
    vote_text,
    word,
)
from eoffice.bodies.sessions_views import MeetingView, meeting_view
from eoffice.identity import Principal
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

MINUTES_SIGNED_TOPIC = "bodies.minutes_signed"
MINUTES_TYPE = documents.DocumentType.MINUTES  # ENI TD10 "acta"
ACTOR = "system"


def minutes_text(session: Session, view: MeetingView, language: str) -> str:
    """The minutes as paragraphs (separated by blank lines): the session, who attended
    (at any time) and who did not, who left before the end, and each item with its votes,
    the voting members present then, and the result."""
    present = [member_label(session, a.login, a.role, language)
               for a in view.attendance if a.present or a.attended]
    absent = [member_label(session, a.login, a.role, language)
              for a in view.attendance if not (a.present or a.attended)]
    left = [member_label(session, a.login, a.role, language)
            for a in view.attendance if a.attended and not a.present]
    none = word("none", language)
    paragraphs = [
        f"{word('body', language)}: {body_name(view.body_name, language)}. "
        f"{word('session', language)}: {word(view.kind, language)} {view.label}. "
        f"{word('when', language)}: {local_time(view.scheduled_at)}. "
        f"{word('place', language)}: {view.place}.",
        f"{word('present', language)}: {', '.join(present) or none}",
        f"{word('absent', language)}: {', '.join(absent) or none}",
        *([f"{word('left', language)}: {', '.join(left)}"] if left else []),
        word("minutes_text", language),
    ]
    for item in view.items:
        head = f"{item.position}. {item.title}" + (
            f" ({word('file', language)} {item.file_number})" if item.file_number else "")
        if item.result == ItemResult.WITHDRAWN:
            paragraphs.append(f"{head}. {word('withdrawn', language)}")
            continue
        votes = vote_text((item.votes_for, item.votes_against, item.abstentions),
                          item.voters_present, item.casting_vote, language)
        paragraphs.append(f"{head}. {item.text}")
        paragraphs.append(f"{votes} {word(item.result, language)}")
    return "\n\n".join(paragraphs)


def _signers(view: MeetingView) -> list[str]:
    """The secretary signs, then the chair gives her approval."""
    secretary = next((a.login for a in view.attendance if a.role == MemberRole.SECRETARY),
                     None)
    chair = next((a.login for a in view.attendance if a.role == MemberRole.CHAIR), None)
    if secretary is None or chair is None:
        raise InvalidSessionData(errors=[FieldError(
            "members", _("The body needs a chair and a secretary to sign the minutes."),
            "no_signers")])
    return [secretary, chair]


def _minutes_draft(session: Session, meeting: Meeting, body: Body,
                   ) -> tuple[documents.DraftResolution, list[str]]:
    """The minutes to draw up for the held session, and who signs them. Refused
    (WrongSessionState) while an item has neither a vote nor was withdrawn."""
    require_state(meeting.state, MeetingState.HELD)
    view = meeting_view(session, meeting)
    waiting = [item.position for item in view.items if item.result == ItemResult.PENDING]
    if waiting:
        raise WrongSessionState(_("Items without a vote: %(items)s. Vote or withdraw them "
                                  "first.", items=", ".join(map(str, waiting))))
    signers = _signers(view)
    language = document_language()
    return documents.DraftResolution(
        title=session_title(view, "minutes", language),
        text=minutes_text(session, view, language), unit_code=body.unit_code,
        language=language, doc_type=MINUTES_TYPE), signers


def prepare_minutes(session: Session, meeting_id: str, *, principal: Principal,
                    runtime: documents.DocumentsRuntime | None = None,
                    ) -> documents.PreparedDraft:
    """Render the minutes from a read of the session, before the unit of work that
    records them (:func:`close_meeting` with ``prepared``): nothing is locked while the
    PDF/A is rendered. Refused as :func:`close_meeting` would refuse."""
    meeting, body = locked_meeting(session, meeting_id, principal, lock=False)
    draft = _minutes_draft(session, meeting, body)[0]
    unit = identity.describe_unit(session, body.unit_code, locale=draft.language)
    return documents.prepare_draft(draft, unit_name=unit.name, runtime=runtime)


def close_meeting(session: Session, meeting_id: str, *, principal: Principal,
                  prepared: documents.PreparedDraft | None = None,
                  runtime: documents.DocumentsRuntime | None = None) -> MeetingView:
    """Draw up the minutes of the held session and send them to the tray (the secretary
    signs, then the chair): the session waits for them (minutes_signing). ``prepared``
    minutes (:func:`prepare_minutes`) are recorded when the session has not changed
    since (else WrongSessionState: draw them up again); without them, they are rendered
    here. Refused (WrongSessionState) while an item has neither a vote nor was
    withdrawn. Audited ``bodies.minutes_drawn_up``."""
    meeting, body = locked_meeting(session, meeting_id, principal)
    draft, signers = _minutes_draft(session, meeting, body)
    if prepared is None:
        unit = identity.describe_unit(session, body.unit_code, locale=draft.language)
        prepared = documents.prepare_draft(draft, unit_name=unit.name, runtime=runtime)
    elif prepared.draft != draft:
        raise WrongSessionState(_("The session changed while its minutes were drawn up: "
                                  "draw them up again."))
    title = draft.title
    document_id = documents.record_prepared_draft(session, prepared, actor=principal.login)
    circuit = documents.start_circuit(
        session, document_id=document_id, signers=signers,
        mode=documents.CircuitMode.SEQUENTIAL, title=title, actor=principal.login)
    meeting.state = MeetingState.MINUTES_SIGNING.value
    meeting.minutes_document_id, meeting.minutes_circuit_id = document_id, circuit.id
    session.flush()
    audit_meeting(session, meeting, body, "bodies.minutes_drawn_up", actor=principal.login,
                  data={"document": document_id, "circuit": circuit.id,
                        "signers": signers})
    return meeting_view(session, meeting)


def draw_up_minutes(meeting_id: str, *, principal: Principal) -> MeetingView:
    """:func:`close_meeting` for a request: the minutes rendered from a read, then
    recorded in a short unit of work."""
    with reader() as db:
        prepared = prepare_minutes(db, meeting_id, principal=principal)
    with unit_of_work() as db:
        return close_meeting(db, meeting_id, principal=principal, prepared=prepared)


def minutes_circuit_ended(session: Session, ended: documents.CircuitEnded) -> None:
    """The tray's finishing hook: signed minutes close their session and ask for the
    certificates; rejected ones take it back to held (in the tray's transaction)."""
    meeting = session.scalar(select(Meeting).where(
        Meeting.minutes_circuit_id == ended.circuit_id).with_for_update())
    if meeting is None or meeting.state != MeetingState.MINUTES_SIGNING:
        return
    body = session.get(Body, meeting.body_id)
    assert body is not None
    if ended.state == documents.CircuitState.SIGNED:
        meeting.state, meeting.closed_at = MeetingState.CLOSED.value, utcnow()
        outbox.enqueue(session, MINUTES_SIGNED_TOPIC, {"meeting": meeting.id},
                       dedup_key=f"{MINUTES_SIGNED_TOPIC}:{meeting.id}")
        audit_meeting(session, meeting, body, "bodies.minutes_signed", actor=ended.last_signer,
                      data={"document": ended.document_id, "circuit": ended.circuit_id})
    else:
        meeting.state = MeetingState.HELD.value
        audit_meeting(session, meeting, body, "bodies.minutes_rejected",
                      actor=ended.last_signer,
                      data={"document": ended.document_id, "circuit": ended.circuit_id,
                            "reason": ended.reason})
    session.flush()
