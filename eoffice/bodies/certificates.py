"""Certificates of agreements, issued by the worker (consumer of
``MINUTES_SIGNED_TOPIC``) once a session's minutes are signed: for each item voted, a
PDF/A certificate sealed by the office (an automated administrative action, Law 40/2015
arts. 41-42, reproducing the signed minutes and citing their verification code) is
prepared outside any transaction; then, in one transaction per item, it is recorded, the
proposal is decided (adopted or not adopted), the certificate joins the proposal's file,
and ``AGREEMENT_DECIDED_TOPIC`` tells the file's process. Delivered again, an item that
has its certificate is skipped: nothing is issued or announced twice."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from eoffice import documents, files, identity
from eoffice.bodies.domain import ItemResult, MeetingState, ProposalState
from eoffice.bodies.meetings import audit_meeting
from eoffice.bodies.models import AgendaItem, Body, Meeting, Proposal
from eoffice.bodies.proposals import announce_decision
from eoffice.bodies.sessions_texts import (
    body_name,
    document_language,
    local_time,
    vote_text,
    word,
)
from eoffice.bodies.sessions_views import AgendaItemView, MeetingView, get_meeting
from eoffice.shared.db import Database, current_database
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)
ACTOR = "system"
DECIDED = (ItemResult.ADOPTED.value, ItemResult.REJECTED.value)
MAX_TITLE = 500


def certificate_data(view: MeetingView, item: AgendaItemView, minutes_identifier: str,
                     language: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The certificate's title, what it shows, and the JSON it embeds."""
    name = body_name(view.body_name, language)
    when = local_time(view.scheduled_at)
    statement = "certify_adopted" if item.result == ItemResult.ADOPTED else "certify_rejected"
    votes = vote_text((item.votes_for, item.votes_against, item.abstentions),
                      item.voters_present, item.casting_vote, language)
    fields = [[word("body", language), name],
              [word("session", language), f"{word(view.kind, language)} {view.label}"],
              [word("when", language), when]]
    if item.file_number:
        fields.append([word("file", language).capitalize(), item.file_number])
    fields.append([word("minutes_ref", language), minutes_identifier])
    certified = word(statement, language, body=name, kind=word(view.kind, language),
                     label=view.label, when=when)
    outcome = f"{votes} {word(item.result, language)}"
    data = {"fields": fields,
            "paragraphs": [word("automated", language)],
            "file_number": item.file_number or "",
            "statement": certified, "agreement": item.text, "votes": outcome}
    embedded = {"body": view.body_key, "session": view.label, "meeting": view.id,
                "proposal": item.proposal_id, "file_number": item.file_number,
                "title": item.title, "text": item.text, "result": item.result,
                "votes": {"for": item.votes_for, "against": item.votes_against,
                          "abstentions": item.abstentions,
                          "voters_present": item.voters_present,
                          "casting_vote": item.casting_vote},
                "minutes_identifier": minutes_identifier}
    title = word("certificate", language, title=item.title)[:MAX_TITLE]
    return title, data, embedded


def _record(session: Session, item_id: int, prepared: documents.PreparedDocument) -> bool:
    """Record one item's prepared certificate, decide its proposal, put the certificate
    in the file and announce it; False when the item already has one."""
    item = session.get(AgendaItem, item_id, with_for_update=True)
    if item is None or item.certificate_document_id is not None:
        return False
    meeting = session.get(Meeting, item.meeting_id)
    proposal = session.get(Proposal, item.proposal_id, with_for_update=True)
    assert meeting is not None and proposal is not None
    body = session.get(Body, meeting.body_id)
    assert body is not None
    issued = documents.record_document(session, prepared, actor=ACTOR)
    item.certificate_document_id = issued.id
    adopted = item.result == ItemResult.ADOPTED
    proposal.state = (ProposalState.ADOPTED if adopted else ProposalState.NOT_ADOPTED).value
    in_file = _add_to_file(session, proposal, issued.id)
    votes = {"for": item.votes_for or 0, "against": item.votes_against or 0,
             "abstentions": item.abstentions or 0}
    announce_decision(session, proposal, result=item.result, certificate=issued.id,
                      meeting=meeting.id, votes=votes)
    audit_meeting(session, meeting, body, "bodies.certificate_issued", actor=ACTOR,
                  data={"proposal": proposal.id, "result": item.result,
                        "document": issued.id, "sha256": issued.sha256,
                        "verification_code": issued.verification_code,
                        "file_number": proposal.file_number, "in_file": in_file})
    session.flush()
    return True


def _add_to_file(session: Session, proposal: Proposal, document_id: str) -> bool:
    if proposal.file_id is None:
        return False
    try:
        files.add_document_to(session, proposal.file_id, files.DocumentRef(
            document_id, files.DocumentRole.PROCESSING), actor=ACTOR)
    except (files.FileClosed, files.UnknownFile):
        log.warning("certificate %s: file %s is closed or unknown; kept apart",
                    document_id, proposal.file_id)
        return False
    return True


def issue_certificates(database: Database, meeting_id: str, *, language: str) -> int:
    """Issue the certificates still missing for the closed session ``meeting_id``; how
    many were issued now."""
    with database.reader() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.state != MeetingState.CLOSED:
            return 0
        view = get_meeting(session, meeting_id)
        due = [item for item in view.items
               if item.result in DECIDED and item.certificate_document_id is None]
        if not due:
            return 0
        # The minutes are cited by their ENI identifier, not their verification code:
        # the code would open the whole minutes (every item's text) to whoever holds
        # this certificate, a party of one file.
        minutes_identifier = (documents.get_document(session, view.minutes_document_id)
                              .identifier if view.minutes_document_id else "")
        unit = identity.describe_unit(session, view.unit_code, locale=language)
    issued = 0
    for item in due:
        title, data, embedded = certificate_data(view, item, minutes_identifier, language)
        prepared = documents.prepare_document(
            doc_type=documents.DocumentType.CERTIFICATE, title=title, data=data,
            language=language, unit_code=view.unit_code, unit_name=unit.name,
            attachments_json={"agreement.json": embedded}, template="bodies_certificate")
        with database.unit_of_work() as session:
            issued += _record(session, item.id, prepared)
    return issued


def minutes_signed(delivery: Delivery) -> None:
    """The consumer of ``MINUTES_SIGNED_TOPIC`` (payload ``meeting``)."""
    issue_certificates(current_database(), str(delivery.payload["meeting"]),
                       language=document_language())
