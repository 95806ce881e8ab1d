"""Paying at a bank: recording the NRC, idempotency, refusals, expiry and refunds."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import payments
from eoffice.shared.clock import frozen_at, utcnow
from eoffice.shared.errors import DomainError
from tests.integration.payments.factories import events, pending_payment


def test_recording_the_nrc_marks_the_payment_paid_with_its_timestamp(db: Session) -> None:
    payment = pending_payment(db)
    paid, replayed = payments.record_bank_receipt(
        db, payment.reference, nrc="nrc 1234 5678", amount=Decimal("12.50"), actor="clerk")
    assert paid.state == payments.PaymentState.PAID and not replayed
    assert paid.paid_at is not None and paid.transaction == "NRC12345678"
    status = payments.payment_status(db, payment.reference)
    assert [change.state for change in status.history] == ["paid"]
    assert events(db, "payments.payment_paid")[-1].object_id == payment.reference


def test_the_same_nrc_recorded_twice_pays_once(db: Session) -> None:
    payment = pending_payment(db)
    payments.record_bank_receipt(db, payment.reference, nrc="NRC000111",
                                 amount=Decimal("12.50"), actor="clerk")
    again, replayed = payments.record_bank_receipt(db, payment.reference, nrc="NRC000111",
                                                   amount=Decimal("12.50"), actor="clerk")
    assert replayed and again.state == payments.PaymentState.PAID
    assert len(payments.payment_status(db, payment.reference).history) == 1


@pytest.mark.parametrize(("nrc", "amount", "error"), [
    ("NRC000222", "12.50", payments.AlreadyPaid),
    ("NRC000111", "12.00", payments.DuplicateReceipt),
])
def test_a_paid_payment_never_changes(db: Session, nrc: str, amount: str,
                                      error: type[DomainError]) -> None:
    payment = pending_payment(db)
    payments.record_bank_receipt(db, payment.reference, nrc="NRC000111",
                                 amount=Decimal("12.50"), actor="clerk")
    with pytest.raises(error):
        payments.record_bank_receipt(db, payment.reference, nrc=nrc, amount=Decimal(amount),
                                     actor="clerk")
    after = payments.payment_status(db, payment.reference)
    assert after.transaction == "NRC000111" and len(after.history) == 1


def test_a_wrong_amount_is_refused_and_leaves_the_payment_pending(db: Session) -> None:
    payment = pending_payment(db)
    with pytest.raises(payments.AmountMismatch):
        payments.record_bank_receipt(db, payment.reference, nrc="NRC000333",
                                     amount=Decimal("1.25"), actor="clerk")
    assert payments.payment_status(db, payment.reference).state == "pending"


def test_an_nrc_cannot_pay_two_payments(db: Session) -> None:
    first, second = pending_payment(db), pending_payment(db)
    payments.record_bank_receipt(db, first.reference, nrc="NRC000444",
                                 amount=Decimal("12.50"), actor="clerk")
    with pytest.raises(payments.DuplicateReceipt):
        payments.record_bank_receipt(db, second.reference, nrc="NRC000444",
                                     amount=Decimal("12.50"), actor="clerk")
    assert payments.payment_status(db, second.reference).state == "pending"


def test_the_worker_expires_payments_after_their_due_date_only(db: Session) -> None:
    payment = pending_payment(db)
    assert payments.expire_overdue(db, payment.due_on) == 0
    assert payments.expire_overdue(db, payment.due_on + timedelta(days=1)) >= 1
    expired = payments.payment_status(db, payment.reference)
    assert expired.state == "expired" and expired.expired_at is not None
    with pytest.raises(payments.NotPayable):
        payments.record_bank_receipt(db, payment.reference, nrc="NRC000555",
                                     amount=Decimal("12.50"), actor="clerk")


def test_a_paid_payment_does_not_expire(db: Session) -> None:
    payment = pending_payment(db)
    payments.record_bank_receipt(db, payment.reference, nrc="NRC000666",
                                 amount=Decimal("12.50"), actor="clerk")
    payments.expire_overdue(db, payment.due_on + timedelta(days=30))
    assert payments.payment_status(db, payment.reference).state == "paid"


def test_a_refund_is_recorded_only_for_a_paid_payment(db: Session) -> None:
    payment = pending_payment(db)
    with pytest.raises(DomainError):
        payments.refund_payment(db, payment.reference, actor="admin")
    payments.record_bank_receipt(db, payment.reference, nrc="NRC000777",
                                 amount=Decimal("12.50"), actor="clerk")
    refunded = payments.refund_payment(db, payment.reference, actor="admin")
    assert refunded.state == "refunded" and refunded.refunded_at is not None


def test_the_worker_runs_the_expiry_job_registered_by_the_context(app: Flask,
                                                                  db: Session) -> None:
    payment = pending_payment(db, due_on=utcnow().date())
    job = app.extensions["eoffice.background"].jobs["payments.expiry"]
    with frozen_at(utcnow() + timedelta(days=1)):
        assert job(app.extensions["eoffice.database"]) >= 1
    assert payments.payment_status(db, payment.reference).state == "expired"
