"""The engine's steps on a submission: start a draft, save answers, check them against
the pinned form version, and the applicant's simple signature. Every step is recorded
(time, actor) and the ones that matter legally write an audit event."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from eoffice import audit, forms, identity
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow
from eoffice.submissions.domain import (
    EDITABLE,
    SENT,
    SubmissionStatus,
    answers_digest,
    may_step,
)
from eoffice.submissions.errors import (
    AnswersChanged,
    AnswersLocked,
    NotApplicableOnline,
    NotEditable,
    NotValidated,
)
from eoffice.submissions.models import Submission, SubmissionSignature, SubmissionStep
from eoffice.submissions.services.applying import find_application

S = SubmissionStatus


def step(session: Session, submission: Submission, to: SubmissionStatus, *,
          actor: str, action: str) -> None:
    now = utcnow()
    session.add(SubmissionStep(submission_id=submission.id, at=now, actor=actor,
                               from_status=submission.status, to_status=to.value,
                               action=action))
    submission.status = to.value
    submission.updated_at = now


def start_submission(session: Session, principal: Principal, *, procedure: str,
                     case: str) -> Submission:
    """A new draft for ``procedure``/``case`` as published now, owned by the principal
    and pinned to the procedure and form versions in force."""
    application = find_application(session, procedure, case)
    if application is None:
        raise NotApplicableOnline()
    account = identity.get_account(session, principal.login)
    now = utcnow()
    submission = Submission(
        id=str(uuid.uuid4()), procedure_code=procedure,
        procedure_version=application.procedure_version, case_code=case,
        form_key=application.form_key, form_version=application.form_version,
        unit_code=application.unit, owner_account_id=principal.account_id,
        applicant_person_id=account.person_id, status=S.DRAFT.value, answers={},
        titles={"procedure": dict(application.procedure_titles),
                "case": dict(application.case_titles)},
        fee_required=application.fee_required, created_at=now, updated_at=now,
    )
    session.add(submission)
    session.flush()  # no ORM relationship orders the inserts: the submission goes first
    session.add(SubmissionStep(submission_id=submission.id, at=now, actor=principal.login,
                               from_status=None, to_status=S.DRAFT.value, action="started"))
    session.flush()
    return submission


def _require_editable(submission: Submission) -> None:
    if submission.fee_amount is not None and S(submission.status) not in SENT:
        raise AnswersLocked()
    if S(submission.status) not in EDITABLE:
        raise NotEditable()


def save_answers(session: Session, submission: Submission, answers: Mapping[str, Any], *,
                 principal: Principal) -> Submission:
    """Keep ``answers`` as they are (a draft may be incomplete); a checked submission
    whose answers change is a draft again."""
    _require_editable(submission)
    new = dict(answers)
    if new != submission.answers or submission.status != S.DRAFT:
        submission.answers = new
        submission.answers_sha256 = None
        step(session, submission, S.DRAFT, actor=principal.login, action="saved")
    return submission


def check_answers(session: Session, submission: Submission, answers: Mapping[str, Any], *,
                  principal: Principal, locale: str | None = None) -> forms.ValidationResult:
    """Validate ``answers`` against the pinned form version: valid answers are kept as
    the form normalised them and the submission is validated; otherwise it stays a
    draft with what was given."""
    _require_editable(submission)
    result = forms.validate_answers(session, submission.form_key, submission.form_version,
                                    dict(answers), locale=locale)
    if not result.valid:
        save_answers(session, submission, answers, principal=principal)
        return result
    submission.answers = dict(result.answers)
    submission.answers_sha256 = answers_digest(result.answers)
    step(session, submission, S.VALIDATED, actor=principal.login, action="checked")
    return result


def sign_submission(session: Session, submission: Submission, *, principal: Principal,
                    seen_sha256: str, bundle_sha256: str,
                    acting: Mapping[str, Any] | None = None) -> SubmissionSignature:
    """The applicant's simple signature: she confirms what she was shown (its digest
    ``seen_sha256`` must be the digest of the answers and files now, ``bundle_sha256``);
    the server records who, when and that digest."""
    if not may_step(S(submission.status), S.SIGNED) or submission.answers_sha256 is None:
        raise NotValidated()
    if seen_sha256 != bundle_sha256:
        raise AnswersChanged()
    now = utcnow()
    signature = SubmissionSignature(
        submission_id=submission.id, kind="simple", signer_account_id=principal.account_id,
        signer_login=principal.login, signed_at=now, content_sha256=bundle_sha256,
        what="application+documents",
    )
    session.add(signature)
    step(session, submission, S.SIGNED, actor=principal.login, action="signed")
    submission.sent_at = now
    audit.record_event(
        session, "submissions.signed", actor=principal.login, object_type="submission",
        object_id=submission.id, unit_code=submission.unit_code,
        data={"procedure": submission.procedure_code, "case": submission.case_code,
              "answers_sha256": submission.answers_sha256, "signed_sha256": bundle_sha256,
              "signature": "simple", **(acting or {})},
    )
    session.flush()
    return signature
