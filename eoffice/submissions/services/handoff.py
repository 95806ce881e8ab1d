"""The hand-off of a registered submission to processing.

Registering opens the administrative file in the same transaction and writes the file's
``files.file_opened`` message; the worker delivers it here, outside that transaction.
The submission then becomes ``handed_over``, with the time and the file. A delivery that
fails is retried by the worker with backoff and listed for operators (``eoffice outbox
stuck``, the "Background work" admin page) until it succeeds: a registered application is
never left behind silently. The processing context (BPMN) starts the procedure's process
from the same message once it exists.
"""

from __future__ import annotations

import logging

from eoffice.shared.clock import utcnow
from eoffice.shared.db import unit_of_work
from eoffice.shared.outbox import Delivery
from eoffice.submissions.domain import SubmissionStatus
from eoffice.submissions.models import Submission
from eoffice.submissions.services.drafts import step

log = logging.getLogger(__name__)


class HandOffNotReady(RuntimeError):
    """The file was opened for a submission that is not registered: retried later."""


def file_opened(delivery: Delivery) -> None:
    """Deliver the file-opened message: hand the file's submission over to processing.
    Delivered again (at least once), it changes nothing the second time."""
    submission_id = delivery.payload.get("submission")
    if not submission_id:
        log.info("%s without a submission (in-person or received entry): %s",
                 delivery.topic, delivery.payload)
        return
    with unit_of_work() as db:
        row = db.get(Submission, str(submission_id), with_for_update=True)
        if row is None:
            raise HandOffNotReady(f"no submission {submission_id}")
        status = SubmissionStatus(row.status)
        if status == SubmissionStatus.HANDED_OVER:
            return
        if status != SubmissionStatus.REGISTERED:
            raise HandOffNotReady(f"submission {submission_id} is {status.value}")
        row.file_number = row.file_number or delivery.payload.get("number")
        row.handed_over_at = utcnow()
        step(db, row, SubmissionStatus.HANDED_OVER, actor="worker", action="handed_over")
