"""Agreements decided by a collegiate body reach the processes waiting for them: the
consumer of ``bodies.agreement_decided`` (enqueued once per proposal decided in a
session, after its minutes are signed and the certificate of the agreement is in the
file, or returned by the secretary's office). In one transaction, the file's instances
waiting on the message ``agreement_decided`` resume with ``{"proposal", "document",
"result": "adopted" | "rejected" | "returned", "certificate", "meeting", "votes":
{"for", "against", "abstentions"}, "reason"}`` (the model's ``messageVariable``):
``document`` is the proposal's document (the model matches its own proposal by it: a
proposal carried over to a later session is a new proposal with the same document);
``reason`` says why it was not adopted (the reason given, else the votes in words). A
file whose process does not wait (a proposal made by hand) is only logged. Delivered
again, nothing happens twice: no instance waits for that proposal any more."""

from __future__ import annotations

import logging
from typing import Any

from eoffice import bodies
from eoffice.processing.errors import NoWaitingInstance
from eoffice.processing.services.messages import deliver_message
from eoffice.shared.db import unit_of_work
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)
MESSAGE = "agreement_decided"
SUBJECT_KIND = "file"
ACTOR = "system"
ADOPTED = "adopted"


def reason_of(facts: dict[str, Any]) -> str | None:
    """Why the agreement was not adopted, in words (None when it was)."""
    if facts.get("result") == ADOPTED:
        return None
    if facts.get("reason"):
        return str(facts["reason"])
    votes = facts.get("votes") or {}
    return (f"Not adopted ({facts.get('result')}): {votes.get('for', 0)} in favour, "
            f"{votes.get('against', 0)} against, {votes.get('abstentions', 0)} "
            "abstentions.")


def agreement_decided(delivery: Delivery) -> None:
    """Resume the file's process waiting for the decision on its proposal."""
    facts: dict[str, Any] = delivery.payload
    file_id = str(facts.get("file_id") or "")
    if not file_id:
        log.info("agreement on proposal %s: no file", facts.get("proposal"))
        return
    with unit_of_work() as db:
        try:
            proposal = bodies.get_proposal(db, str(facts.get("proposal") or ""))
        except bodies.UnknownProposal:
            log.warning("agreement on unknown proposal %s", facts.get("proposal"))
            return
        payload = {"proposal": proposal.id, "document": proposal.document_id,
                   "result": facts.get("result"), "certificate": facts.get("certificate"),
                   "meeting": facts.get("meeting"), "votes": facts.get("votes"),
                   "reason": reason_of(facts)}
        try:
            deliver_message(db, message=MESSAGE, subject_kind=SUBJECT_KIND,
                            subject_id=file_id, actor=ACTOR, payload=payload)
        except NoWaitingInstance:
            log.info("agreement on proposal %s (%s): no process of file %s waits for it",
                     proposal.id, facts.get("result"), facts.get("file_number"))
