"""The ledger of a payment: every change of state is one transaction row, one audit
event and (for a payment settled) one outbox message. Paying is idempotent: the same
provider transaction recorded twice changes nothing the second time."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.payments import queries
from eoffice.payments.domain import PAYABLE, PaymentState, amount_text
from eoffice.payments.errors import AlreadyPaid, AmountMismatch, DuplicateReceipt, NotPayable
from eoffice.payments.models import Payment, PaymentTransaction
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow

SETTLED_TOPIC = "payments.payment_settled"


@dataclass(frozen=True)
class Proof:
    """What confirms a payment: the provider, its transaction id (an NRC for a bank),
    the amount it says was paid and the hash of the signed payload, if any."""

    provider: str
    transaction_id: str
    amount: Decimal
    currency: str
    channel: str
    nrc: str | None = None
    payload_sha256: str | None = None


@dataclass(frozen=True)
class Settlement:
    """The outcome of :func:`settle`: the payment and whether it was only a replay."""

    payment: Payment
    replayed: bool


def record_transition(session: Session, payment: Payment, state: PaymentState, *,
                      actor: str, provider: str, proof: Proof | None = None) -> None:
    """Move ``payment`` to ``state`` now, with its transaction row and audit event."""
    now = utcnow()
    payment.state = state
    if state != PaymentState.PENDING:
        setattr(payment, f"{state.value}_at", now)
    session.add(PaymentTransaction(
        payment_id=payment.id, state=state, provider=provider,
        provider_transaction_id=proof.transaction_id if proof else None,
        nrc=proof.nrc if proof else None, amount=proof.amount if proof else None,
        currency=proof.currency if proof else None,
        payload_sha256=proof.payload_sha256 if proof else None, occurred_at=now, actor=actor,
    ))
    audit.record_event(
        session, f"payments.payment_{state.value}", actor=actor, object_type="payment",
        object_id=payment.reference, unit_code=payment.unit_code,
        data={"provider": provider, "transaction": proof.transaction_id if proof else None,
              "amount": amount_text(payment.amount), "currency": payment.currency},
    )
    session.flush()


def _check_replay(session: Session, payment: Payment, proof: Proof) -> bool:
    """True when ``proof`` already settled ``payment``; refused when the same transaction
    was recorded for another payment, another state or another amount."""
    seen = queries.find_transaction(session, proof.provider, proof.transaction_id)
    if seen is None:
        return False
    same = (seen.payment_id, seen.state, seen.amount, seen.currency) == (
        payment.id, PaymentState.PAID, proof.amount, proof.currency)
    if not same:
        raise DuplicateReceipt()
    return True


def settle(session: Session, payment: Payment, proof: Proof, *, actor: str) -> Settlement:
    """Mark ``payment`` paid by ``proof``, once. A replay of the proof that paid it is a
    no-op; anything else that would change a paid payment is refused (nothing changes)."""
    if _check_replay(session, payment, proof):
        return Settlement(payment, replayed=True)
    if payment.state == PaymentState.PAID:
        raise AlreadyPaid()
    if payment.state not in PAYABLE:
        raise NotPayable()
    if proof.amount != payment.amount or proof.currency != payment.currency:
        raise AmountMismatch(expected=amount_text(payment.amount),
                             received=amount_text(proof.amount))
    payment.paid_channel = proof.channel
    payment.paid_transaction = proof.nrc or proof.transaction_id
    record_transition(session, payment, PaymentState.PAID, actor=actor,
                      provider=proof.provider, proof=proof)
    outbox.enqueue(session, SETTLED_TOPIC, {
        "reference": payment.reference, "subject_kind": payment.subject_kind,
        "subject_id": payment.subject_id, "amount": amount_text(payment.amount),
        "currency": payment.currency, "transaction": payment.paid_transaction,
        "paid_at": payment.paid_at.isoformat() if payment.paid_at else None,
    }, dedup_key=f"{SETTLED_TOPIC}:{payment.reference}")
    return Settlement(payment, replayed=False)
