"""What the check page shows of the fee: the amount and its explanation in the citizen's
language, the open or paid self-assessment, and whether signing may go ahead."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_currency
from sqlalchemy.orm import Session

from eoffice import fees, payments
from eoffice.submissions.errors import FeeUnavailable
from eoffice.submissions.models import Submission
from eoffice.submissions.services import paying


@dataclass(frozen=True)
class FeeStep:
    quote: fees.Quote | None
    payment: payments.PaymentView | None  # the latest self-assessment, if any
    settled: bool
    unavailable: bool = False
    amount_text: str = ""


def fee_step(session: Session, submission: Submission, locale: str) -> FeeStep | None:
    """None when the case has no fee."""
    if not submission.fee_required:
        return None
    try:
        quote = paying.quote_fee(session, submission, locale=locale)
    except FeeUnavailable:
        return FeeStep(None, None, settled=False, unavailable=True)
    found = payments.find_payments_for_subject(session, paying.subject_of(submission))
    settled = paying.settled_payment(session, submission, quote)
    latest = settled or (found[-1] if found else None)
    due = paying.amount_due(submission, quote)
    amount = format_currency(due, quote.currency) if quote and due is not None else ""
    return FeeStep(quote, latest, settled=settled is not None, amount_text=amount)
