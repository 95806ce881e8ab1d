"""Outcomes of notifications reach the processes waiting for them: the consumer of
``notifications.outcome``. A notification accessed, rejected, expired (deemed rejected),
delivered or failed by post resumes the instances of its file waiting on the message
``notification_outcome`` with ``{"notification", "outcome", "at"}`` (the model's
``messageVariable``; the common subprocess ``notification`` waits until every
notification it made has one). A file no process of which waits (a notification made by
hand, or a process that ended) is only logged. Delivered again, the model counts each
notification once, and an instance that no longer waits hears nothing."""

from __future__ import annotations

import logging
from typing import Any

from eoffice import files
from eoffice.processing.errors import NoWaitingInstance
from eoffice.processing.services.messages import deliver_message
from eoffice.shared.db import unit_of_work
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)
MESSAGE = "notification_outcome"
SUBJECT_KIND = "file"
ACTOR = "system"


def notification_outcome(delivery: Delivery) -> None:
    """Resume the processes of the notification's file waiting for its outcome."""
    facts: dict[str, Any] = delivery.payload
    number = str(facts.get("file_number") or "")
    notification = str(facts.get("notification") or "")
    if not number:
        log.info("notification %s: no file, no process to tell", notification)
        return
    with unit_of_work() as db:
        brief = files.find_file_brief_by_number(db, number)
        if brief is None:
            log.warning("notification %s: there is no file %s", notification, number)
            return
        try:
            deliver_message(db, message=MESSAGE, subject_kind=SUBJECT_KIND,
                            subject_id=brief.id, actor=ACTOR,
                            payload={"notification": notification,
                                     "outcome": str(facts.get("outcome") or ""),
                                     "at": str(facts.get("at") or "")})
        except NoWaitingInstance:
            log.info("notification %s %s: no process of file %s waits for it",
                     notification, facts.get("outcome"), number)
