"""Proposals of agreement: prepared from a file (by the file's process or a clerk) for
the collegiate body competent for its procedure; the secretary's office accepts them (they
wait for a session's agenda) or returns them with a reason (the file's process hears it
on ``AGREEMENT_DECIDED_TOPIC`` with the result ``returned``)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.bodies.domain import BodyKind, ProposalState
from eoffice.bodies.errors import InvalidBodyData, InvalidSessionData
from eoffice.bodies.models import Body, Competence, Proposal
from eoffice.bodies.sessions_access import locked_proposal, require_runner, require_state
from eoffice.bodies.sessions_views import ProposalView, proposal_view
from eoffice.identity import Principal
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

#: Published once per proposal decided (after the minutes are signed and the certificate
#: is in the file) or returned by the secretary's office; processing resumes the file's
#: process with the BPMN message ``agreement_decided``. Payload: ``proposal``, ``file_id``,
#: ``file_number``, ``result`` (adopted, rejected, returned), ``certificate`` (document id
#: or None), ``meeting`` (session id or None), ``votes`` ({for, against, abstentions} or
#: None), ``reason`` (why it was returned, or None).
AGREEMENT_DECIDED_TOPIC = "bodies.agreement_decided"
MAX_TITLE = 500
MAX_TEXT = 20000
MAX_REASON = 2000
OPEN_STATES = (ProposalState.SUBMITTED.value, ProposalState.ACCEPTED.value,
               ProposalState.ON_AGENDA.value)


def competent_collegiate_body(session: Session, procedure_code: str) -> Body:
    """The active collegiate body competent for ``procedure_code`` (InvalidBodyData when
    the procedure has none: it is resolved by a single-person body, or not configured)."""
    body = session.scalar(select(Body).join(Competence, Competence.body_id == Body.id)
                          .where(Competence.procedure_code == procedure_code))
    if body is None or not body.active or body.kind != BodyKind.COLLEGIATE:
        raise InvalidBodyData(errors=[FieldError(
            "procedure_code", _("No collegiate body is competent for this procedure."),
            "no_collegiate_body")])
    return body


def _checked(session: Session, *, file_id: str | None, unit_code: str, title: str,
             text: str) -> tuple[str, str]:
    errors: list[FieldError] = []
    title, text = title.strip(), text.strip()
    if not title or len(title) > MAX_TITLE:
        errors.append(FieldError("title", _("Give a title of up to 500 characters."),
                                 "invalid"))
    if not text or len(text) > MAX_TEXT:
        errors.append(FieldError("text", _("Write the proposed agreement."), "invalid"))
    try:
        identity.describe_unit(session, unit_code, locale="en")
    except identity.UnknownUnit:
        errors.append(FieldError("unit_code", _("There is no such unit."), "unknown"))
    if file_id and session.scalar(select(Proposal.id).where(
            Proposal.file_id == file_id, Proposal.state.in_(OPEN_STATES)).limit(1)):
        errors.append(FieldError("file_id", _("This file already has a proposal waiting "
                                              "for the body."), "already_proposed"))
    if errors:
        raise InvalidSessionData(errors=errors)
    return title, text


def propose_agreement(  # noqa: PLR0913 - what a proposal says
    session: Session, *, procedure_code: str, file_id: str | None,
    file_number: str | None, unit_code: str, title: str, text: str, actor: str,
    document_id: str | None = None,
) -> ProposalView:
    """Submit a proposal of agreement of ``file_id`` to the collegiate body competent
    for ``procedure_code`` (InvalidBodyData when none is; InvalidSessionData for a
    missing title or text, an unknown unit, or a file that already has one waiting).
    State submitted; audited ``bodies.proposal_submitted``."""
    body = competent_collegiate_body(session, procedure_code)
    title, text = _checked(session, file_id=file_id, unit_code=unit_code, title=title,
                           text=text)
    proposal = Proposal(
        id=str(uuid.uuid4()), body_id=body.id, file_id=file_id, file_number=file_number,
        procedure_code=procedure_code, unit_code=unit_code, title=title, text=text,
        document_id=document_id, state=ProposalState.SUBMITTED.value, created_at=utcnow(),
        created_by=actor)
    session.add(proposal)
    session.flush()
    _audit(session, proposal, body, "bodies.proposal_submitted", actor=actor,
           data={"file_number": file_number, "procedure": procedure_code, "title": title})
    return proposal_view(session, proposal)


def accept_proposal(session: Session, proposal_id: str, *,
                    principal: Principal) -> ProposalView:
    """The secretary's office accepts a submitted proposal: it waits for a session.
    SessionsNotAllowed without RUN_SESSIONS in the body's unit; WrongSessionState when it
    is not submitted. Audited ``bodies.proposal_accepted``."""
    proposal, body = locked_proposal(session, proposal_id)
    require_runner(principal, body)
    require_state(proposal.state, ProposalState.SUBMITTED)
    proposal.state = ProposalState.ACCEPTED.value
    proposal.accepted_at, proposal.accepted_by = utcnow(), principal.login
    session.flush()
    _audit(session, proposal, body, "bodies.proposal_accepted", actor=principal.login)
    return proposal_view(session, proposal)


def return_proposal(session: Session, proposal_id: str, *, principal: Principal,
                    reason: str) -> ProposalView:
    """The secretary's office returns a submitted or accepted proposal to its unit with
    ``reason`` (required): the file's process hears it (result ``returned``). Audited
    ``bodies.proposal_returned``."""
    proposal, body = locked_proposal(session, proposal_id)
    require_runner(principal, body)
    require_state(proposal.state, ProposalState.SUBMITTED, ProposalState.ACCEPTED)
    reason = reason.strip()
    if not reason:
        raise InvalidSessionData(errors=[FieldError(
            "reason", _("Say why the proposal is returned."), "required")])
    proposal.state, proposal.outcome_reason = ProposalState.RETURNED.value, reason[:MAX_REASON]
    session.flush()
    _audit(session, proposal, body, "bodies.proposal_returned", actor=principal.login,
           data={"reason": proposal.outcome_reason})
    announce_decision(session, proposal, result="returned", reason=proposal.outcome_reason)
    return proposal_view(session, proposal)


def announce_decision(session: Session, proposal: Proposal, *, result: str,
                      certificate: str | None = None, meeting: str | None = None,
                      votes: dict[str, int] | None = None,
                      reason: str | None = None) -> None:
    """Publish ``AGREEMENT_DECIDED_TOPIC`` for ``proposal`` (once per proposal)."""
    outbox.enqueue(session, AGREEMENT_DECIDED_TOPIC, {
        "proposal": proposal.id, "file_id": proposal.file_id,
        "file_number": proposal.file_number, "result": result, "certificate": certificate,
        "meeting": meeting, "votes": votes, "reason": reason,
    }, dedup_key=f"{AGREEMENT_DECIDED_TOPIC}:{proposal.id}")


def _audit(session: Session, proposal: Proposal, body: Body, action: str, *, actor: str,
           data: dict[str, Any] | None = None) -> None:
    audit.record_event(session, action, actor=actor, object_type="proposal",
                       object_id=proposal.id, unit_code=body.unit_code,
                       data={"body": body.key, **(data or {})})
