"""Card results from a provider: paid once, replays harmless, inconsistencies refused."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from eoffice import payments
from eoffice.payments.ports import CardResult
from eoffice.shared.clock import frozen_at, utcnow
from tests.integration.payments.factories import events, pending_payment

PROVIDER = "sandbox"


def start(db: Session, reference: str) -> str:
    return payments.start_card_payment(db, reference, login="ana",
                                       provider=PROVIDER).order_code


def result(order: str, *, authorised: bool = True, amount: str = "12.50",
           transaction: str = "SBX0001") -> CardResult:
    return CardResult(order_code=order, amount=Decimal(amount), currency="EUR",
                      authorised=authorised, transaction_id=transaction,
                      response_code="0000" if authorised else "0190")


def settle(db: Session, callback: CardResult, status: CardResult | None = None,
           ) -> payments.CardOutcome:
    return payments.settle_card_result(db, callback, status or callback, provider=PROVIDER,
                                       payload_sha256="0" * 64, actor="test")


def test_an_authorised_and_confirmed_card_payment_is_paid(db: Session) -> None:
    payment = pending_payment(db)
    outcome = settle(db, result(start(db, payment.reference)))
    assert outcome.state == payments.PaymentState.PAID and not outcome.replayed
    paid = payments.payment_status(db, payment.reference)
    assert paid.paid_channel == "card" and paid.transaction == "SBX0001"


def test_the_same_callback_twice_pays_once(db: Session) -> None:
    payment = pending_payment(db)
    callback = result(start(db, payment.reference))
    settle(db, callback)
    again = settle(db, callback)
    assert again.replayed and again.state == payments.PaymentState.PAID
    assert len(payments.payment_status(db, payment.reference).history) == 1
    assert events(db, "payments.callback_replayed")[-1].object_id == payment.reference


def test_a_double_click_on_pay_sends_the_same_order(db: Session) -> None:
    payment = pending_payment(db)
    assert start(db, payment.reference) == start(db, payment.reference)


@pytest.mark.parametrize("status_change", [
    {"authorised": False}, {"transaction_id": "SBX-OTHER"}, {"amount": Decimal("1.00")},
])
def test_a_callback_the_provider_does_not_confirm_is_refused(
        db: Session, status_change: dict[str, object]) -> None:
    payment = pending_payment(db)
    callback = result(start(db, payment.reference))
    status = dataclasses.replace(callback, **status_change)  # type: ignore[arg-type]
    with pytest.raises(payments.CallbackRefused):
        settle(db, callback, status)
    assert payments.payment_status(db, payment.reference).state == "pending"


def test_a_callback_unknown_to_the_provider_is_refused(db: Session) -> None:
    payment = pending_payment(db)
    callback = result(start(db, payment.reference))
    with pytest.raises(payments.CallbackRefused):
        payments.settle_card_result(db, callback, None, provider=PROVIDER,
                                    payload_sha256="0" * 64, actor="test")


def test_a_callback_with_another_amount_than_the_order_is_refused(db: Session) -> None:
    payment = pending_payment(db)
    with pytest.raises(payments.CallbackRefused):
        settle(db, result(start(db, payment.reference), amount="0.01"))
    assert payments.payment_status(db, payment.reference).state == "pending"


def test_a_callback_for_an_order_we_never_sent_is_refused(db: Session) -> None:
    with pytest.raises(payments.CallbackRefused):
        settle(db, result("000000000000"))


def test_a_declined_card_fails_the_payment_which_can_still_be_paid(db: Session) -> None:
    payment = pending_payment(db)
    declined = result(start(db, payment.reference), authorised=False, transaction="SBX-D")
    assert settle(db, declined).state == payments.PaymentState.FAILED
    retry = start(db, payment.reference)
    assert retry != declined.order_code
    assert settle(db, result(retry, transaction="SBX-OK")).state == payments.PaymentState.PAID
    assert settle(db, declined).state == payments.PaymentState.PAID


def test_a_second_paid_order_does_not_pay_twice_and_its_charge_is_kept_to_refund(
    db: Session,
) -> None:
    payment = pending_payment(db)
    first = start(db, payment.reference)
    with frozen_at(utcnow() + timedelta(minutes=31)):  # the first order is stale by now
        second = start(db, payment.reference)
    assert second != first
    settle(db, result(first, transaction="SBX-1"))
    extra = settle(db, result(second, transaction="SBX-2"))
    assert extra.refund_due and extra.state == "paid"
    status = payments.payment_status(db, payment.reference)
    assert status.transaction == "SBX-1"
    assert [change.state for change in status.history] == ["paid", "refund_due"]


def test_an_overdue_payment_cannot_be_started_by_card(db: Session) -> None:
    payment = pending_payment(db, due_on=utcnow().date())
    with frozen_at(utcnow() + timedelta(days=2)), pytest.raises(payments.NotPayable):
        start(db, payment.reference)
