"""A citizen's own submissions as her folder lists and exports them: drafts and sent
applications with their answers, status, the application PDF, the files delivered and
the registration receipt (documents are named by id; their content is read through the
documents context)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice.identity import Principal
from eoffice.submissions.domain import SENT, SubmissionStatus
from eoffice.submissions.services import access, attachments, receipts
from eoffice.submissions.views import STATUS_NAMES, localise


@dataclass(frozen=True)
class DeliveredFile:
    """A file the applicant delivered for a required document."""

    document_code: str
    document_id: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


@dataclass(frozen=True)
class CitizenSubmission:
    """One of the citizen's submissions (draft or sent)."""

    id: str
    procedure: str
    case: str
    procedure_title: str
    case_title: str
    status: str
    status_name: str
    sent: bool
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    registry_number: str | None
    registered_at: datetime | None
    file_number: str | None
    answers: dict[str, Any]
    answers_sha256: str | None
    application_document_id: str | None
    application_sha256: str | None
    receipt_document_id: str | None
    files: tuple[DeliveredFile, ...]


def submissions_of_citizen(session: Session, principal: Principal,
                           locale: str) -> list[CitizenSubmission]:
    """The principal's own submissions, most recently changed first."""
    found = []
    for row in access.list_own_submissions(session, principal):
        status = SubmissionStatus(row.status)
        titles = row.titles or {}
        receipt = receipts.receipt_of(session, row) if status in SENT else None
        files = tuple(DeliveredFile(a.document_code, a.document_id, a.file_name, a.media_type,
                                    a.size, a.sha256, a.uploaded_at)
                      for a in attachments.list_attachments(session, row))
        found.append(CitizenSubmission(
            row.id, row.procedure_code, row.case_code,
            localise(titles.get("procedure") or {}, locale),
            localise(titles.get("case") or {}, locale), status.value,
            str(STATUS_NAMES[status]), status in SENT, row.created_at, row.updated_at,
            row.sent_at, row.registry_number, row.registered_at, row.file_number,
            dict(row.answers or {}), row.answers_sha256, row.application_document_id,
            row.application_sha256, receipt.document_id if receipt else None, files))
    return found
