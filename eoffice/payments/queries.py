"""Named look-ups of payments, by reference, subject, order and transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.payments.domain import Subject
from eoffice.payments.errors import UnknownPayment
from eoffice.payments.models import CardOrder, Payment, PaymentTransaction


def find_payment(session: Session, reference: str, *, for_update: bool = False) -> Payment | None:
    query = select(Payment).where(Payment.reference == reference)
    if for_update:
        query = query.with_for_update()
    return session.scalar(query)


def get_payment(session: Session, reference: str, *, for_update: bool = False) -> Payment:
    payment = find_payment(session, reference, for_update=for_update)
    if payment is None:
        raise UnknownPayment()
    return payment


def payments_of_subject(session: Session, subject: Subject) -> Sequence[Payment]:
    return session.scalars(
        select(Payment)
        .where(Payment.subject_kind == subject.kind, Payment.subject_id == subject.id)
        .order_by(Payment.created_at, Payment.id)
    ).all()


def find_transaction(session: Session, provider: str,
                     transaction_id: str) -> PaymentTransaction | None:
    return session.scalar(select(PaymentTransaction).where(
        PaymentTransaction.provider == provider,
        PaymentTransaction.provider_transaction_id == transaction_id,
    ))


def history_of(session: Session, payment: Payment) -> Sequence[PaymentTransaction]:
    return session.scalars(
        select(PaymentTransaction).where(PaymentTransaction.payment_id == payment.id)
        .order_by(PaymentTransaction.occurred_at, PaymentTransaction.id)
    ).all()


def find_order(session: Session, order_code: str) -> CardOrder | None:
    return session.scalar(select(CardOrder).where(CardOrder.order_code == order_code))


def payment_by_id(session: Session, payment_id: int, *, for_update: bool = False) -> Payment:
    query = select(Payment).where(Payment.id == payment_id)
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).one()
