"""The sandbox gateway's own records: one transaction per card attempt, at most one
authorised per order (so an order is never charged twice)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.payments.adapters.redsys_fields import amount_of, cents
from eoffice.payments.models import SandboxTransaction
from eoffice.shared.clock import utcnow

SUCCESS_CARD = "4548810000000003"
DECLINED_CARD = "4000000000000002"
AUTHORISED = "0000"
DECLINED = "0190"  # "declined without a specific reason"
UNKNOWN_CARD = "0180"


@dataclass(frozen=True)
class SandboxResult:
    order_code: str
    amount: Decimal
    currency: str
    authorised: bool
    transaction_id: str
    response_code: str
    authorisation_code: str


def _result(row: SandboxTransaction) -> SandboxResult:
    return SandboxResult(row.order_code, amount_of(row.amount_cents) or Decimal(0),
                         row.currency, row.authorised, row.transaction_id, row.response_code,
                         row.transaction_id[-6:] if row.authorised else "")


def status_of(session: Session, order_code: str) -> SandboxResult | None:
    """What happened to an order: its authorised transaction, else its latest attempt."""
    rows = session.scalars(
        select(SandboxTransaction).where(SandboxTransaction.order_code == order_code)
        .order_by(SandboxTransaction.authorised.desc(), SandboxTransaction.id.desc()).limit(1))
    row = rows.first()
    return _result(row) if row else None


def charge(session: Session, *, order_code: str, amount: Decimal, currency: str,
           card_number: str) -> SandboxResult:
    """Try the test card on the order; an order already authorised is not charged again."""
    done = status_of(session, order_code)
    if done is not None and done.authorised:
        return done
    digits = "".join(card_number.split())
    response = {SUCCESS_CARD: AUTHORISED, DECLINED_CARD: DECLINED}.get(digits, UNKNOWN_CARD)
    row = SandboxTransaction(
        transaction_id=f"SBX{secrets.token_hex(8).upper()}", order_code=order_code,
        amount_cents=int(cents(amount)), currency=currency,
        authorised=response == AUTHORISED, response_code=response,
        card_last_digits=digits[-4:] if digits[-4:].isdecimal() else "0000",
        created_at=utcnow())
    session.add(row)
    session.flush()
    return _result(row)
