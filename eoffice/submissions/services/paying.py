"""The fee step of a submission: the quote from the fees context on the answers as
checked, the self-assessment the payments context issues for it, and whether it is
settled (paid online, or recorded as paid at a bank or cash desk with its NRC)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from eoffice import fees, payments
from eoffice.identity import Principal
from eoffice.shared.localtime import local_today
from eoffice.submissions.domain import SubmissionStatus
from eoffice.submissions.errors import FeeUnavailable, NotValidated
from eoffice.submissions.models import Submission
from eoffice.submissions.services.drafts import step
from eoffice.submissions.views import localise

S = SubmissionStatus
DAYS_TO_PAY = 10
LANGUAGES = ("es", "ca", "en")


def subject_of(submission: Submission) -> payments.Subject:
    return payments.Subject("submission", submission.id)


def quote_fee(session: Session, submission: Submission, *,
              locale: str = "es") -> fees.Quote | None:
    """The fee of the checked answers under the rule in force today (None: no fee)."""
    if not submission.fee_required:
        return None
    if submission.answers_sha256 is None:
        raise NotValidated()
    try:
        return fees.quote(session, procedure=submission.procedure_code,
                          case=submission.case_code, answers=submission.answers,
                          locale=locale)
    except (fees.NoRule, fees.MissingAnswers, fees.InvalidAnswers) as exc:
        raise FeeUnavailable() from exc


def amount_due(submission: Submission, quote: fees.Quote | None) -> Decimal | None:
    """The fee as frozen when its self-assessment was issued, else today's quote."""
    if submission.fee_amount is not None:
        return submission.fee_amount
    return quote.amount if quote is not None else None


def settled_payment(session: Session, submission: Submission,
                    quote: fees.Quote | None) -> payments.PaymentView | None:
    """The paid payment of this submission for the amount due, if any."""
    due = amount_due(submission, quote)
    if due is None:
        return None
    for payment in payments.find_payments_for_subject(session, subject_of(submission)):
        if payment.state == payments.PaymentState.PAID and payment.amount == due:
            return payment
    return None


def fee_settled(session: Session, submission: Submission) -> bool:
    if not submission.fee_required:
        return True
    quote = None if submission.fee_amount is not None else quote_fee(session, submission)
    return settled_payment(session, submission, quote) is not None


def request_payment(session: Session, submission: Submission, *,
                    principal: Principal) -> payments.PaymentView:
    """The self-assessment for the fee (the open one when asked twice)."""
    if S(submission.status) not in (S.VALIDATED, S.FEE_SETTLED):
        raise NotValidated()
    quote = quote_fee(session, submission)
    if quote is None:
        raise FeeUnavailable()
    concept = {language: localise(submission.titles.get("procedure", {}), language) + ": "
               + localise(submission.titles.get("case", {}), language)
               for language in LANGUAGES}
    if submission.fee_amount is None:  # frozen now: later rule changes do not move it
        submission.fee_amount = quote.amount
        submission.fee_rule = f"{quote.rule_key}@{quote.rule_version}"
    return payments.create_self_assessment(session, payments.SelfAssessment(
        subject=subject_of(submission), payer_person_id=submission.applicant_person_id,
        unit_code=submission.unit_code, amount=submission.fee_amount, currency=quote.currency,
        concept=concept, due_on=local_today() + timedelta(days=DAYS_TO_PAY),
    ), actor=principal.login)


def note_settlement(session: Session, submission: Submission, *, actor: str) -> bool:
    """Move a checked submission to ``fee_settled`` once its fee is paid (from the
    payments context's settlement message); False when nothing changed."""
    if S(submission.status) != S.VALIDATED or not fee_settled(session, submission):
        return False
    step(session, submission, S.FEE_SETTLED, actor=actor, action="fee_settled")
    return True
