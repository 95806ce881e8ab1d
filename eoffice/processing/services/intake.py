"""Files opened become processes: the consumer of ``files.file_opened`` (and of the
deadlines' events and of the applicant's answers to requirements, delivered as messages
to the processes waiting for them).

For a file opened from a registered application, in one transaction: the submission is
handed over (``submissions.hand_over``) and, when the case of the procedure version the
application pinned names a process (catalogue ``cases[].process``), an instance of that
model starts for the file, with the file's unit as ``unit``. A case without a process is
handed over for processing by hand. Delivered again, nothing happens twice (one instance
per file). Any failure (an unknown model, a step that fails at start) leaves everything
as it was: the worker retries and operators see it on the background-work page.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import catalogue, files, submissions
from eoffice.processing.errors import NoWaitingInstance
from eoffice.processing.models import ProcessInstance
from eoffice.processing.services.instances import start_instance
from eoffice.processing.services.messages import deliver_message
from eoffice.shared.db import unit_of_work
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)
SUBJECT_KIND = "file"
REQUIREMENT_ANSWERED = "requirement_answered"
REQUIREMENT_EXPIRED = "requirement_expired"


def process_of(session: Session, procedure: str | None, case: str | None,
               version: int | None) -> str | None:
    """The process key of ``procedure``/``case`` in ``version`` (the visible one when no
    version is known), or None."""
    if not procedure or not case:
        return None
    try:
        if version is not None:
            found = catalogue.get_version_content(session, procedure, version)[1].case(case)
        else:
            found = catalogue.get_case(session, procedure, case)
    except (catalogue.UnknownProcedure, catalogue.UnknownCase):
        return None
    return found.process if found is not None else None


def _started(session: Session, file_id: str) -> bool:
    return session.scalar(select(ProcessInstance.id).where(
        ProcessInstance.subject_kind == SUBJECT_KIND,
        ProcessInstance.subject_id == file_id)) is not None


def file_opened(delivery: Delivery) -> None:
    """Hand the file's application over and start its case's process (once)."""
    facts: dict[str, Any] = delivery.payload
    with unit_of_work() as db:
        procedure, case, version = facts.get("procedure"), facts.get("case"), None
        if facts.get("submission"):
            handed = submissions.hand_over(db, str(facts["submission"]),
                                           file_number=facts.get("number"))
            procedure, case, version = handed.procedure, handed.case, handed.procedure_version
        if facts.get("resolution_term"):
            files.start_resolution_term(db, str(facts["file"]), term=facts["resolution_term"],
                                        silence_effect=facts.get("silence_effect"),
                                        actor="worker")
        key = process_of(db, procedure, case, version)
        if key is None:
            log.info("file %s (%s/%s) has no process: processed by hand",
                     facts.get("number"), procedure, case)
            return
        if _started(db, str(facts["file"])):
            return
        start_instance(db, model_key=key, subject_kind=SUBJECT_KIND,
                       subject_id=str(facts["file"]), unit_code=facts.get("unit"),
                       data={"file_number": facts.get("number"), "procedure": procedure,
                             "case": case, "submission": facts.get("submission")},
                       actor="worker")


def _deliver_or_log(db: Session, message: str, facts: dict[str, Any], topic: str) -> None:
    try:
        deliver_message(db, message=message, subject_kind=str(facts.get("subject_kind")),
                        subject_id=str(facts.get("subject_id")), payload=facts,
                        actor="worker")
    except NoWaitingInstance:
        log.info("%s for %s:%s: no process waits for %s", topic, facts.get("subject_kind"),
                 facts.get("subject_id"), message)


def deadline_event(delivery: Delivery) -> None:
    """Consumer of ``deadlines.deadline_expired`` / ``deadline_near``: the subject's waiting
    instances receive it as the message of the same name (``deadline_expired``,
    ``deadline_near``) with the deadline's facts; a subject with no instance waiting for
    it is only logged (the clerks see the deadline on the file). The expiry of a
    requirement's term (kind ``requirement``) is not a resolution term's: the requirement
    is marked expired and its file's instances get ``requirement_expired`` instead."""
    facts: dict[str, Any] = delivery.payload
    message = delivery.topic.rsplit(".", 1)[-1]
    with unit_of_work() as db:
        if facts.get("kind") == files.REQUIREMENT_DEADLINE_KIND:
            if message != "deadline_expired":
                return
            expired = files.expire_requirement(db, deadline_id=int(facts["deadline_id"]),
                                               actor="worker")
            if expired is None:
                log.info("requirement term %s expired: no pending requirement",
                         facts.get("deadline_id"))
                return
            message, facts = REQUIREMENT_EXPIRED, {**facts, "requirement": expired.id}
        _deliver_or_log(db, message, facts, delivery.topic)


def requirement_answered(delivery: Delivery) -> None:
    """Consumer of ``files.requirement_answered``: the file's waiting instances receive the
    message ``requirement_answered`` with the answer's facts (a file processed by hand
    has none: only logged)."""
    facts: dict[str, Any] = delivery.payload
    with unit_of_work() as db:
        made = files.list_requirements(db, str(facts["file"]))
        if not made or made[-1].id != facts.get("requirement"):
            # Delivered again after a later requirement was made: that one waits for its
            # own answer, which this is not.
            log.info("answer to requirement %s of %s: not the file's latest requirement",
                     facts.get("requirement"), facts.get("number"))
            return
        _deliver_or_log(db, REQUIREMENT_ANSWERED,
                        {**facts, "subject_kind": SUBJECT_KIND, "subject_id": facts["file"]},
                        delivery.topic)
