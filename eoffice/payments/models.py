"""Tables of the payments context: payments (self-assessments), their transactions
(every change of state, with what confirmed it), card orders, bank statement imports
with their line-by-line report, and the store of the sandbox card gateway."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime

MONEY = Numeric(12, 2)


class Payment(Base):
    """A self-assessment: what is owed, by whom, for what, under which RF reference."""

    __tablename__ = "payments_payment"
    __table_args__ = (Index("ix_payments_payment_subject", "subject_kind", "subject_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(25), unique=True)
    subject_kind: Mapped[str] = mapped_column(String(50))
    subject_id: Mapped[str] = mapped_column(String(100))
    payer_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"), index=True)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    concept: Mapped[dict[str, str]] = mapped_column(JSON)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refunded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_channel: Mapped[str | None] = mapped_column(String(10))
    paid_transaction: Mapped[str | None] = mapped_column(String(100))


class PaymentTransaction(Base):
    """One change of state of a payment and what confirmed it (provider, transaction id,
    NRC, amount, the hash of the signed payload). A provider transaction id is recorded
    once: that makes replayed callbacks harmless."""

    __tablename__ = "payments_transaction"
    __table_args__ = (UniqueConstraint("provider", "provider_transaction_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments_payment.id"), index=True)
    state: Mapped[str] = mapped_column(String(20))
    provider: Mapped[str] = mapped_column(String(50))
    provider_transaction_id: Mapped[str | None] = mapped_column(String(100))
    nrc: Mapped[str | None] = mapped_column(String(50))
    amount: Mapped[Decimal | None] = mapped_column(MONEY)
    currency: Mapped[str | None] = mapped_column(String(3))
    payload_sha256: Mapped[str | None] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))


class CardOrder(Base):
    """An order sent to a card provider for a payment (one per attempt)."""

    __tablename__ = "payments_card_order"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_code: Mapped[str] = mapped_column(String(12), unique=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments_payment.id"), index=True)
    provider: Mapped[str] = mapped_column(String(50))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class BankStatement(Base):
    """An imported bank statement file and the totals of its reconciliation."""

    __tablename__ = "payments_bank_statement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_by: Mapped[str] = mapped_column(String(100))
    totals: Mapped[dict[str, int]] = mapped_column(JSON)


class BankStatementLine(Base):
    """One line of a statement and what reconciliation made of it."""

    __tablename__ = "payments_bank_statement_line"
    __table_args__ = (UniqueConstraint("statement_id", "line_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("payments_bank_statement.id"))
    line_number: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(40))
    nrc: Mapped[str] = mapped_column(String(50))
    amount: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    outcome: Mapped[str] = mapped_column(String(30))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments_payment.id"))


class SandboxTransaction(Base):
    """The sandbox card gateway's own store (a real provider keeps this on its side)."""

    __tablename__ = "payments_sandbox_transaction"
    __table_args__ = (
        Index("uq_payments_sandbox_transaction_authorised_order", "order_code", unique=True,
              sqlite_where=text("authorised = 1"), postgresql_where=text("authorised")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transaction_id: Mapped[str] = mapped_column(String(40), unique=True)
    order_code: Mapped[str] = mapped_column(String(12), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    authorised: Mapped[bool]
    response_code: Mapped[str] = mapped_column(String(4))
    card_last_digits: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
