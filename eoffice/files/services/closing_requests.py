"""Closing a file because its process asked: the request is noted on the file's timeline
with an outbox message in the process's transaction, and the worker closes the file as
the system afterwards (sealing the index asks the timestamp authority, which is never
waited for inside a transaction; see :mod:`eoffice.files.closure`). A file already
closed when the message arrives stays as it is. A file away in another unit is waited
for: the request comes back every hour until the file is back (never given up); a
failing closure (the authority down) is retried by the outbox and shows on the
background-work page."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.files.closure import close_file_for_process
from eoffice.files.domain import ActionKind, FileStatus
from eoffice.files.errors import MovementPending, UnknownFile
from eoffice.files.models import AdministrativeFile
from eoffice.files.services.access import require_open
from eoffice.files.services.history import record_action
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.outbox import Delivery

CLOSURE_REQUESTED_TOPIC = "files.closure_requested"
CLOSING_ACTOR = "system"
DOCUMENT_LANGUAGE = "es"
MAX_REASON = 500
AWAY_RETRY = timedelta(hours=1)
log = logging.getLogger(__name__)


def request_closure(session: Session, file_id: str, *, actor: str, reason: str = "",
                    language: str = DOCUMENT_LANGUAGE) -> None:
    """Ask for the open file ``file_id`` to be closed (its index sealed) by the worker:
    noted on its timeline, closed once the caller's transaction commits. UnknownFile;
    FileClosed when it is closed already."""
    file = session.get(AdministrativeFile, file_id, with_for_update=True)
    if file is None:
        raise UnknownFile()
    require_open(file)
    reason = reason.strip()[:MAX_REASON]
    record_action(session, file, ActionKind.CLOSURE_REQUESTED, actor=actor,
                  details={"reason": reason} if reason else {})
    outbox.enqueue(session, CLOSURE_REQUESTED_TOPIC,
                   {"file": file.id, "number": file.number, "reason": reason,
                    "language": language, "requested_by": actor})


def closure_requested(delivery: Delivery) -> None:
    """Outbox consumer of ``files.closure_requested``: close the file as the system
    (nothing when it is closed already)."""
    number = str(delivery.payload.get("number", ""))
    with reader() as db:
        state = db.scalar(select(AdministrativeFile.state)
                          .where(AdministrativeFile.number == number))
    if state is None:
        log.warning("closure requested for an unknown file %r", number)
        return
    if state == FileStatus.CLOSED:
        return
    try:
        close_file_for_process(number, actor=CLOSING_ACTOR,
                               language=str(delivery.payload.get("language")
                                            or DOCUMENT_LANGUAGE))
    except MovementPending:
        # Away in another unit: ask again later, without spending the outbox's attempts
        # (a file may be away for weeks); the request stays on the timeline meanwhile.
        waits = int(delivery.payload.get("waits", 0)) + 1
        with unit_of_work() as db:
            outbox.enqueue(db, CLOSURE_REQUESTED_TOPIC, {**delivery.payload, "waits": waits},
                           dedup_key=f"{CLOSURE_REQUESTED_TOPIC}:{delivery.message_id}:wait",
                           not_before=utcnow() + AWAY_RETRY)
        log.info("file %s is away: its closure is asked again in %s", number, AWAY_RETRY)
