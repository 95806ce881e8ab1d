"""Payments at a bank or cash desk: a clerk records the bank's receipt reference (NRC);
administrators refund; the worker expires what was not paid by its due date."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.payments import queries
from eoffice.payments.domain import PAYABLE, Channel, PaymentState
from eoffice.payments.errors import InvalidReceipt, NotRefundable
from eoffice.payments.models import Payment
from eoffice.payments.services.ledger import Proof, record_transition, settle
from eoffice.payments.views import PaymentView, view_of
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database

BANK = "bank"
NRC_PATTERN = re.compile(r"^[A-Z0-9]{6,50}$")
EXPIRY_BATCH = 200


def normalise_nrc(value: str) -> str:
    """The NRC in capitals without spaces; refused when it is not 6-50 letters/digits."""
    nrc = "".join(value.split()).upper()
    if not NRC_PATTERN.match(nrc):
        raise InvalidReceipt()
    return nrc


def record_bank_receipt(session: Session, reference: str, *, nrc: str, amount: Decimal,
                        currency: str = "EUR", actor: str) -> tuple[PaymentView, bool]:
    """Mark a payment paid at a bank: ``(payment, replayed)``. The same NRC again is a
    no-op; another NRC for a paid payment, a wrong amount or an NRC of another payment
    is refused and changes nothing."""
    payment = queries.get_payment(session, reference, for_update=True)
    code = normalise_nrc(nrc)
    outcome = settle(session, payment, Proof(
        provider=BANK, transaction_id=code, amount=amount, currency=currency,
        channel=Channel.BANK, nrc=code), actor=actor)
    return view_of(outcome.payment), outcome.replayed


def refund_payment(session: Session, reference: str, *, actor: str) -> PaymentView:
    """Record that a paid payment was given back (the money moves outside eoffice)."""
    payment = queries.get_payment(session, reference, for_update=True)
    if payment.state != PaymentState.PAID:
        raise NotRefundable()
    record_transition(session, payment, PaymentState.REFUNDED, actor=actor,
                      provider=payment.paid_channel or BANK)
    return view_of(payment)


def expire_overdue(session: Session, today: date, *, limit: int = EXPIRY_BATCH) -> int:
    """Expire payments still open after their due date; returns how many."""
    due = session.scalars(
        select(Payment)
        .where(Payment.state.in_([s.value for s in PAYABLE]), Payment.due_on < today)
        .order_by(Payment.due_on, Payment.id).limit(limit).with_for_update(skip_locked=True)
    ).all()
    for payment in due:
        record_transition(session, payment, PaymentState.EXPIRED, actor="system",
                          provider="system")
    return len(due)


def run_expiry_job(database: Database) -> int:
    """The worker job ``payments.expiry``: one transaction; a second run is a no-op."""
    with database.unit_of_work() as session:
        return expire_overdue(session, utcnow().date())
