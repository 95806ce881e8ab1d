"""Who may read the documents of an application (its files and its PDF), as a rule of the
documents context's access port: the applicant always; staff only once it is sent, and
then as for the application itself (its current unit). A draft's uploads stay private."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.identity import Principal
from eoffice.submissions.domain import SENT, SubmissionStatus
from eoffice.submissions.models import Submission, SubmissionAttachment
from eoffice.submissions.services.access import staff_may_see


def _owning_submission(session: Session, document_id: str) -> Submission | None:
    found = session.scalar(select(Submission).where(
        Submission.application_document_id == document_id))
    if found is not None:
        return found
    attachment = session.scalar(select(SubmissionAttachment).where(
        SubmissionAttachment.document_id == document_id))
    return session.get(Submission, attachment.submission_id) if attachment else None


def submission_documents_rule(session: Session, principal: Principal,
                              view: documents.DocumentView) -> bool | None:
    """True for the applicant, and for staff who may see the sent application; False for
    anyone else while it is not sent; None otherwise (the file holding it may decide)."""
    submission = _owning_submission(session, view.id)
    if submission is None:
        return None
    if principal.account_id == submission.owner_account_id:
        return True
    if SubmissionStatus(submission.status) not in SENT:
        return False
    return True if staff_may_see(session, principal, submission) else None  # files may say
