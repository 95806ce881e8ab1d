"""Who may see which submission, checked on the server for every object: the citizen
who owns it, and staff of the competent unit once it has been sent. Anyone else is
told it does not exist."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import registry
from eoffice.identity import Permission, Principal
from eoffice.submissions.domain import SENT, SubmissionStatus
from eoffice.submissions.errors import UnknownSubmission
from eoffice.submissions.models import Submission, SubmissionSignature, SubmissionStep


def _find(session: Session, submission_id: str) -> Submission | None:
    if len(submission_id) > 36:
        return None
    return session.get(Submission, submission_id)


def get_own_submission(session: Session, submission_id: str, principal: Principal,
                       *, for_update: bool = False) -> Submission:
    """The principal's own submission, or UnknownSubmission (another citizen's too)."""
    found = _find(session, submission_id)
    if found is None or found.owner_account_id != principal.account_id:
        raise UnknownSubmission()
    if for_update:
        session.refresh(found, with_for_update=True)
    return found


def current_unit(session: Session, submission: Submission) -> str:
    """The unit that has the application now: where the registry sent its entry, or the
    competent unit of the procedure version until it is registered."""
    if submission.registry_entry_id:
        return registry.get_entry(session, submission.registry_entry_id).destination_unit
    return submission.unit_code


def staff_may_see(session: Session, principal: Principal, submission: Submission) -> bool:
    return (SubmissionStatus(submission.status) in SENT
            and principal.can(Permission.VIEW_FILES, unit=current_unit(session, submission)))


def get_submission_for_staff(session: Session, submission_id: str,
                             principal: Principal) -> Submission:
    """A sent submission of a unit where the principal may view files."""
    found = _find(session, submission_id)
    if found is None or not staff_may_see(session, principal, found):
        raise UnknownSubmission()
    return found


def list_own_submissions(session: Session, principal: Principal) -> Sequence[Submission]:
    """The principal's drafts and sent applications, most recently changed first."""
    return session.scalars(
        select(Submission).where(Submission.owner_account_id == principal.account_id)
        .order_by(Submission.updated_at.desc(), Submission.id)
    ).all()


def list_submissions_for_staff(session: Session, principal: Principal,
                               *, limit: int = 200) -> Sequence[Submission]:
    """Sent submissions now with the units where the principal may view files, newest
    first (among the latest ``5 * limit`` sent; older ones are found through the registry)."""
    query = (select(Submission).where(Submission.status.in_([s.value for s in SENT]))
             .order_by(Submission.sent_at.desc(), Submission.id).limit(5 * limit))
    rows = session.scalars(query).all()
    units = registry.destination_units(
        session, [row.registry_entry_id for row in rows if row.registry_entry_id])
    seen = [row for row in rows if principal.can(
        Permission.VIEW_FILES, unit=units.get(row.registry_entry_id or "", row.unit_code))]
    return seen[:limit]


def list_steps(session: Session, submission: Submission) -> Sequence[SubmissionStep]:
    return session.scalars(
        select(SubmissionStep).where(SubmissionStep.submission_id == submission.id)
        .order_by(SubmissionStep.id)).all()


def list_signatures(session: Session,
                    submission: Submission) -> Sequence[SubmissionSignature]:
    return session.scalars(
        select(SubmissionSignature).where(SubmissionSignature.submission_id == submission.id)
        .order_by(SubmissionSignature.id)).all()
