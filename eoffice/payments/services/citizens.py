"""A person's own payments, as the citizen folder lists and exports them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.payments import queries
from eoffice.payments.models import Payment
from eoffice.payments.views import PaymentView, view_of


def payments_of_person(session: Session, person_id: int) -> list[PaymentView]:
    """Every payment whose payer is ``person_id``, newest first, with its history of
    states (what settled it: NRC or card transaction)."""
    rows = session.scalars(select(Payment).where(Payment.payer_person_id == person_id)
                           .order_by(Payment.created_at.desc(), Payment.id.desc())).all()
    return [view_of(row, tuple(queries.history_of(session, row))) for row in rows]
