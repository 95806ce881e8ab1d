"""Signatures done reach the processes waiting for them: the consumer of
``documents.circuit_finished``. In one transaction, for the file holding the document: a
signed document's new (signed) version joins the file, and the file's instances waiting
on the message ``signature_done`` resume with ``{"state": "signed" | "rejected",
"document", "circuit", "reason"}`` (the model's ``messageVariable``). A document no file
holds, or a file whose process does not wait (a circuit started by hand), is only logged.
Delivered again, nothing happens twice: the version is kept once, and no instance waits
any more."""

from __future__ import annotations

import logging
from typing import Any

from eoffice import files
from eoffice.processing.errors import NoWaitingInstance
from eoffice.processing.services.messages import deliver_message
from eoffice.shared.db import unit_of_work
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)
MESSAGE = "signature_done"
SUBJECT_KIND = "file"
ACTOR = "system"


def circuit_finished(delivery: Delivery) -> None:
    """Add the signed version to its file and resume the process waiting for it."""
    facts: dict[str, Any] = delivery.payload
    document_id = str(facts.get("document") or "")
    state = str(facts.get("state") or "")
    with unit_of_work() as db:
        file_id = files.file_of_document(db, document_id)
        if file_id is None:
            log.info("circuit %s: document %s is in no file", facts.get("circuit"),
                     document_id)
            return
        if state == "signed":
            try:
                files.add_document_to(db, file_id, files.DocumentRef(
                    document_id, files.DocumentRole.PROCESSING), actor=ACTOR)
            except files.FileClosed:
                log.warning("circuit %s: file %s closed before its document was signed",
                            facts.get("circuit"), file_id)
        try:
            deliver_message(db, message=MESSAGE, subject_kind=SUBJECT_KIND,
                            subject_id=file_id, actor=ACTOR,
                            payload={"state": state, "document": document_id,
                                     "circuit": facts.get("circuit"),
                                     "reason": facts.get("reason")})
        except NoWaitingInstance:
            log.info("circuit %s %s: no process of file %s waits for it",
                     facts.get("circuit"), state, file_id)
