"""The hand-off of a registered submission to processing.

Registering opens the administrative file in the same transaction and writes the file's
``files.file_opened`` message; the worker delivers it to the processing context, which
starts the case's process and calls :func:`hand_over` in the same transaction. The
submission then becomes ``handed_over``, with the time and the file. A delivery that
fails is retried by the worker with backoff and listed for operators (``eoffice outbox
stuck``, the "Background work" admin page) until it succeeds: a registered application
is never left behind silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from eoffice.shared.clock import utcnow
from eoffice.submissions.domain import SENT, SubmissionStatus
from eoffice.submissions.models import Submission
from eoffice.submissions.services.drafts import step


class HandOffNotReady(RuntimeError):
    """The file was opened for a submission that is not registered: retried later."""


@dataclass(frozen=True)
class HandedOver:
    """What processing needs of the application it takes over."""

    submission_id: str
    procedure: str
    procedure_version: int
    case: str


def hand_over(session: Session, submission_id: str, *, file_number: str | None,
              actor: str = "worker") -> HandedOver:
    """Mark the registered submission ``handed_over`` (its row locked); repeated, it
    changes nothing."""
    row = session.get(Submission, submission_id, with_for_update=True)
    if row is None:
        raise HandOffNotReady(f"no submission {submission_id}")
    status = SubmissionStatus(row.status)
    if status not in (SubmissionStatus.REGISTERED, SubmissionStatus.HANDED_OVER):
        raise HandOffNotReady(f"submission {submission_id} is {status.value}")
    if status == SubmissionStatus.REGISTERED:
        row.file_number = row.file_number or file_number
        row.handed_over_at = utcnow()
        step(session, row, SubmissionStatus.HANDED_OVER, actor=actor, action="handed_over")
    return HandedOver(row.id, row.procedure_code, row.procedure_version, row.case_code)


@dataclass(frozen=True)
class SentApplication:
    """The application as the applicant sent it: what processing shows beside a task."""

    submission_id: str
    procedure: str
    case: str
    form_key: str
    form_version: int
    answers: dict[str, Any]


def find_sent_application(session: Session, submission_id: str) -> SentApplication | None:
    """The sent application ``submission_id`` (None: none, or still a draft). The caller
    has already decided that its reader may see it."""
    row = session.get(Submission, submission_id[:36])
    if row is None or SubmissionStatus(row.status) not in SENT:
        return None
    return SentApplication(row.id, row.procedure_code, row.case_code, row.form_key,
                           row.form_version, dict(row.answers))
