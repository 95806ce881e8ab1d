"""Read models of payments that leave the context (services return these, not rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from eoffice.payments.domain import PaymentState, Subject, printed_reference
from eoffice.payments.models import Payment, PaymentTransaction


@dataclass(frozen=True)
class StateChange:
    state: str
    occurred_at: datetime
    provider: str
    transaction: str | None
    actor: str


@dataclass(frozen=True)
class PaymentView:
    """A payment as callers see it; ``transaction`` is what settled it (NRC or card)."""

    reference: str
    subject: Subject
    payer_person_id: int
    unit_code: str
    amount: Decimal
    currency: str
    concept: dict[str, str]
    due_on: date
    state: PaymentState
    created_at: datetime
    paid_at: datetime | None
    failed_at: datetime | None
    expired_at: datetime | None
    refunded_at: datetime | None
    paid_channel: str | None
    transaction: str | None
    history: tuple[StateChange, ...] = ()

    @property
    def printed_reference(self) -> str:
        return printed_reference(self.reference)

    def concept_in(self, locale: str) -> str:
        return self.concept.get(locale) or self.concept.get("es") or next(
            iter(self.concept.values()), "")


def view_of(payment: Payment, history: tuple[PaymentTransaction, ...] = ()) -> PaymentView:
    return PaymentView(
        reference=payment.reference,
        subject=Subject(payment.subject_kind, payment.subject_id),
        payer_person_id=payment.payer_person_id, unit_code=payment.unit_code,
        amount=payment.amount, currency=payment.currency, concept=dict(payment.concept),
        due_on=payment.due_on, state=PaymentState(payment.state),
        created_at=payment.created_at, paid_at=payment.paid_at, failed_at=payment.failed_at,
        expired_at=payment.expired_at, refunded_at=payment.refunded_at,
        paid_channel=payment.paid_channel, transaction=payment.paid_transaction,
        history=tuple(
            StateChange(t.state, t.occurred_at, t.provider,
                        t.nrc or t.provider_transaction_id, t.actor)
            for t in history
        ),
    )
