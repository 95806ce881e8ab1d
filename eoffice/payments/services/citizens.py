"""A person's own payments, as the citizen folder lists and exports them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.payments import queries
from eoffice.payments.domain import PaymentState
from eoffice.payments.models import Payment
from eoffice.payments.views import PaymentView, view_of


def payments_of_person(session: Session, person_id: int) -> list[PaymentView]:
    """Every payment whose payer is ``person_id``, newest first, with its history of
    states (what settled it: NRC or card transaction)."""
    rows = session.scalars(select(Payment).where(Payment.payer_person_id == person_id)
                           .order_by(Payment.created_at.desc(), Payment.id.desc())).all()
    return [view_of(row, tuple(queries.history_of(session, row))) for row in rows]


def payment_receipt_pdf(view: PaymentView, *, locale: str) -> bytes | None:
    """The receipt (PDF/A) of a paid or refunded payment, as its page prints it; None
    while unpaid. Renders a template: needs the application context."""
    from eoffice.payments.printing import receipt_pdf  # noqa: PLC0415 (web edge, on demand)

    if view.state not in (PaymentState.PAID, PaymentState.REFUNDED):
        return None
    return receipt_pdf(view, locale=locale)
