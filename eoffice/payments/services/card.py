"""Card payments through a provider: start an order, then settle it from a verified
callback **and** the provider's own answer to a status query (the redirect alone is
never trusted). Replays are no-ops; anything inconsistent is refused unchanged."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.payments import queries
from eoffice.payments.domain import PAYABLE, Channel, PaymentState
from eoffice.payments.errors import AlreadyPaid, CallbackRefused, NotPayable
from eoffice.payments.models import CardOrder, Payment, PaymentTransaction
from eoffice.payments.ports import CardResult
from eoffice.payments.services.ledger import Proof, record_transition, settle
from eoffice.payments.services.self_assessment import get_payment_for_payer
from eoffice.shared.clock import utcnow

REUSE_ORDER_FOR = timedelta(minutes=30)
ORDER_DIGITS = 12


@dataclass(frozen=True)
class CardOutcome:
    """The payment after a card result, and whether the result had been seen before."""

    reference: str
    state: PaymentState
    authorised: bool
    replayed: bool
    refund_due: bool = False  # charged although already paid or expired: to be refunded


REFUND_DUE = "refund_due"


@dataclass(frozen=True)
class StartedOrder:
    """A card order to send to the provider."""

    order_code: str
    reference: str
    amount: Decimal
    currency: str


def _new_order_code(session: Session) -> str:
    while True:  # 10^12 codes: a clash is rare, and the unique constraint guards it
        code = "".join(secrets.choice("0123456789") for _ in range(ORDER_DIGITS))
        if queries.find_order(session, code) is None:
            return code


def start_card_payment(session: Session, reference: str, *, login: str,
                       provider: str) -> StartedOrder:
    """The order to send the payer to the provider with. A recent unfinished order is
    reused, so a double click sends the same order (which the provider pays once)."""
    get_payment_for_payer(session, reference, login=login)
    payment = queries.get_payment(session, reference, for_update=True)
    if payment.state == PaymentState.PAID:
        raise AlreadyPaid()
    if payment.state not in PAYABLE or payment.due_on < utcnow().date():
        raise NotPayable()
    recent = session.scalar(
        select(CardOrder).where(CardOrder.payment_id == payment.id,
                                CardOrder.provider == provider, CardOrder.status == "open",
                                CardOrder.created_at >= utcnow() - REUSE_ORDER_FOR)
        .order_by(CardOrder.created_at.desc()).limit(1))
    order = recent or CardOrder(
        order_code=_new_order_code(session), payment_id=payment.id, provider=provider,
        amount=payment.amount, currency=payment.currency, status="open", created_at=utcnow())
    session.add(order)
    session.flush()
    return StartedOrder(order.order_code, payment.reference, order.amount, order.currency)


def _consistent(callback: CardResult, status: CardResult | None, order: CardOrder,
                payment: Payment) -> str | None:
    """Why the callback cannot be believed, or None when everything agrees."""
    if callback.amount != order.amount or callback.currency != order.currency:
        return "amount"
    if order.amount != payment.amount or order.currency != payment.currency:
        return "amount"
    if status is None:
        return "unknown_to_provider"
    if (status.authorised, status.transaction_id, status.amount, status.currency) != (
            callback.authorised, callback.transaction_id, callback.amount, callback.currency):
        return "status_disagrees"
    return None


def settle_card_result(session: Session, callback: CardResult, status: CardResult | None, *,
                       provider: str, payload_sha256: str, actor: str) -> CardOutcome:
    """Apply a verified callback, once. ``status`` is the provider's answer to a status
    query made before this transaction; both must agree, or nothing changes. A callback
    seen before changes nothing and is logged as ``payments.callback_replayed``."""
    order = queries.find_order(session, callback.order_code)
    if order is None or order.provider != provider:
        raise CallbackRefused(reason="unknown_order")
    payment = queries.payment_by_id(session, order.payment_id, for_update=True)
    reason = _consistent(callback, status, order, payment)
    if reason is not None:
        raise CallbackRefused(reason=reason)
    proof = Proof(provider=provider, transaction_id=callback.transaction_id,
                  amount=callback.amount, currency=callback.currency, channel=Channel.CARD,
                  payload_sha256=payload_sha256)
    order.finished_at = order.finished_at or utcnow()
    if callback.authorised and payment.state not in PAYABLE and not _settled_by(
            session, payment, proof):
        order.status = "authorised"
        replayed = _record_extra_charge(session, payment, proof, actor=actor)
        return CardOutcome(payment.reference, PaymentState(payment.state), True, replayed,
                           refund_due=True)
    if callback.authorised:
        order.status = "authorised"
        replayed = settle(session, payment, proof, actor=actor).replayed
    else:
        replayed = _record_declined(session, payment, proof, actor=actor)
        order.status = "declined"
    if replayed:
        audit.record_event(
            session, "payments.callback_replayed", actor=actor, object_type="payment",
            object_id=payment.reference, unit_code=payment.unit_code,
            data={"order": order.order_code, "transaction": callback.transaction_id,
                  "payload_sha256": payload_sha256, "state": payment.state})
    return CardOutcome(payment.reference, PaymentState(payment.state), callback.authorised,
                       replayed)


def _settled_by(session: Session, payment: Payment, proof: Proof) -> bool:
    """Whether ``proof`` is the very transaction that paid ``payment`` (a replay)."""
    seen = queries.find_transaction(session, proof.provider, proof.transaction_id)
    return seen is not None and seen.state == PaymentState.PAID


def _record_extra_charge(session: Session, payment: Payment, proof: Proof, *,
                         actor: str) -> bool:
    """A card was charged for a payment already paid by other means, or expired: the money
    is recorded (never silently dropped) as a charge to refund, for staff to act on; the
    payment's state does not change. True when this charge was recorded before."""
    if queries.find_transaction(session, proof.provider, proof.transaction_id) is not None:
        return True
    session.add(PaymentTransaction(
        payment_id=payment.id, state=REFUND_DUE, provider=proof.provider,
        provider_transaction_id=proof.transaction_id, amount=proof.amount,
        currency=proof.currency, payload_sha256=proof.payload_sha256, occurred_at=utcnow(),
        actor=actor))
    audit.record_event(
        session, "payments.refund_due", actor=actor, object_type="payment",
        object_id=payment.reference, unit_code=payment.unit_code,
        data={"transaction": proof.transaction_id, "amount": str(proof.amount),
              "currency": proof.currency, "state": payment.state})
    session.flush()
    return False


def _record_declined(session: Session, payment: Payment, proof: Proof, *, actor: str) -> bool:
    """Record a declined attempt once (True when it was seen before); a payment that is
    no longer payable (paid, expired) does not change."""
    if queries.find_transaction(session, proof.provider, proof.transaction_id) is not None:
        return True
    if payment.state in PAYABLE:
        record_transition(session, payment, PaymentState.FAILED, actor=actor,
                          provider=proof.provider, proof=proof)
    return False
