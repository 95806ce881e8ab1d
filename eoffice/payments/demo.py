"""Demo data of payments: a pending fee for the citizen ``ana``, so the payment page and
the sandbox card gateway can be tried in the demo city. Loading twice changes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.payments.domain import PaymentState, Subject
from eoffice.payments.services.self_assessment import (
    SelfAssessment,
    create_self_assessment,
    find_payments_for_subject,
)
from eoffice.payments.views import PaymentView
from eoffice.shared.clock import utcnow

DEMO_SUBJECT = Subject("demo", "ana-minor-works-fee")
DEMO_CONCEPT = {
    "es": "Tasa por licencia de obras menores (demostración)",
    "ca": "Taxa per llicència d'obres menors (demostració)",
    "en": "Minor works licence fee (demo)",
}


def load_demo_payments(session: Session) -> PaymentView:
    """Ana's demo payment: the open one if it exists, else a new one due in 30 days."""
    for payment in find_payments_for_subject(session, DEMO_SUBJECT):
        if payment.state not in (PaymentState.EXPIRED, PaymentState.REFUNDED):
            return payment
    return create_self_assessment(session, SelfAssessment(
        subject=DEMO_SUBJECT, payer_person_id=identity.get_account(session, "ana").person_id,
        unit_code="URB", amount=Decimal("45.60"), currency="EUR", concept=DEMO_CONCEPT,
        due_on=utcnow().date() + timedelta(days=30)), actor="demo")
