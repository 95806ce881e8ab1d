"""Helpers of the payments tests: a pending payment for a demo citizen, and the audit
events of an action."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import identity, payments
from eoffice.audit.models import AuditEvent
from eoffice.shared.clock import utcnow

CONCEPT = {"es": "Tasa de licencia de obras", "ca": "Taxa de llicència d'obres",
           "en": "Works licence fee"}


def pending_payment(db: Session, login: str = "ana", *, amount: str = "12.50",
                    unit: str = "URB", due_on: date | None = None,
                    subject_id: str | None = None) -> payments.PaymentView:
    """A new pending payment of ``login`` for a submission of the urban planning unit."""
    request = payments.SelfAssessment(
        subject=payments.Subject("submission", subject_id or str(uuid.uuid4())),
        payer_person_id=identity.get_account(db, login).person_id, unit_code=unit,
        amount=Decimal(amount), currency="EUR", concept=CONCEPT,
        due_on=due_on or utcnow().date() + timedelta(days=10))
    return payments.create_self_assessment(db, request, actor="test")


def events(db: Session, action: str) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).filter_by(action=action)
                           .order_by(AuditEvent.seq)))
