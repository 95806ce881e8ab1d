"""Drafts nobody touches expire: the citizen is e-mailed some days before, and the draft
is then marked expired (kept, with its history, never deleted). A draft whose fee has
been issued (a self-assessment waits for payment) never expires. The worker runs this as
the job ``submissions.draft_expiry``; running it twice changes nothing more."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import identity, notifications
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database
from eoffice.shared.i18n import _
from eoffice.submissions.domain import EDITABLE, SubmissionStatus
from eoffice.submissions.models import Submission
from eoffice.submissions.services.drafts import step
from eoffice.submissions.views import localise

EXPIRY_JOB = "submissions.draft_expiry"


def _untouched_since(session: Session, moment: datetime) -> list[Submission]:
    return list(session.scalars(
        select(Submission).where(Submission.status.in_([s.value for s in EDITABLE]),
                                 Submission.fee_amount.is_(None),
                                 Submission.updated_at <= moment)
        .order_by(Submission.updated_at).with_for_update()))


def _warn(session: Session, draft: Submission, *, expires_on: str) -> bool:
    person = identity.describe_person(session, draft.applicant_person_id)
    if not person.email:
        return False
    title = localise(draft.titles.get("procedure", {}), "es")
    try:
        notifications.queue_email(
            session, to=person.email, dedup_key=f"draft-expiry:{draft.id}",
            subject=_("Your draft application will expire: %(title)s", title=title),
            body=_("Your draft application \"%(title)s\" has not changed for a while and "
                   "will expire on %(day)s. Open it in your area of the electronic office "
                   "to keep it.", title=title, day=expires_on))
    except notifications.InvalidEmailAddress:  # an address kept from before it was checked
        return False
    return True


def expire_drafts(session: Session, *, keep_days: int, warn_days: int) -> tuple[int, int]:
    """Warn the drafts that expire within ``warn_days`` and expire the ones untouched for
    ``keep_days``: (warned, expired)."""
    now = utcnow()
    expired = 0
    for draft in _untouched_since(session, now - timedelta(days=keep_days)):
        step(session, draft, SubmissionStatus.EXPIRED, actor="system", action="expired")
        expired += 1
    warned = 0
    for draft in _untouched_since(session, now - timedelta(days=keep_days - warn_days)):
        if draft.warned_at is None and draft.status != SubmissionStatus.EXPIRED:
            expires_on = (draft.updated_at + timedelta(days=keep_days)).date().isoformat()
            if _warn(session, draft, expires_on=expires_on):
                draft.warned_at = now
                warned += 1
    return warned, expired


def run_expiry_job(database: Database) -> int:
    """The worker job: one transaction."""
    settings = current_app.config["EOFFICE_SETTINGS"]
    with database.unit_of_work() as session:
        warned, expired = expire_drafts(session, keep_days=settings.draft_days,
                                        warn_days=settings.draft_warning_days)
    return warned + expired
