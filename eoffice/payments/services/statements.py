"""Bank statement imports: every line is reconciled and reported; only lines that
match a payable payment exactly pay it. Mismatches, duplicates and unknown references
are kept in the report and the audit log, never applied."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.payments import queries
from eoffice.payments.domain import Channel, PaymentState, amount_text
from eoffice.payments.errors import InvalidStatement
from eoffice.payments.models import BankStatement, BankStatementLine, Payment
from eoffice.payments.reconciliation import (
    Known,
    Outcome,
    Seen,
    StatementLine,
    UnreadableStatement,
    classify,
    parse_statement,
    totals,
)
from eoffice.payments.services.bank import BANK
from eoffice.payments.services.ledger import Proof, settle
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import DomainError


@dataclass(frozen=True)
class ReportLine:
    number: int
    reference: str
    nrc: str
    amount: str
    currency: str
    outcome: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class StatementReport:
    """The reconciliation report of one import."""

    id: int
    file_name: str
    imported_at: datetime
    imported_by: str
    totals: dict[str, int]
    lines: tuple[ReportLine, ...]
    imported_before: datetime | None = None


def _known(payment: Payment | None) -> Known | None:
    if payment is None:
        return None
    return Known(PaymentState(payment.state), payment.amount, payment.currency,
                 payment.paid_transaction)


def _detail(line: StatementLine, payment: Payment | None, outcome: Outcome) -> dict[str, Any]:
    if payment is None or outcome == Outcome.DUPLICATE:
        return {}
    detail: dict[str, Any] = {"expected": amount_text(payment.amount), "state": payment.state}
    if outcome == Outcome.ALREADY_PAID:
        detail["same_nrc"] = payment.paid_transaction == line.nrc
    return detail


def _apply(session: Session, line: StatementLine, payment: Payment | None,
           seen: Seen, *, actor: str) -> tuple[Outcome, dict[str, Any]]:
    outcome = classify(line, _known(payment), seen)
    detail = _detail(line, payment, outcome)
    if outcome != Outcome.MATCHED or payment is None or line.amount is None:
        return outcome, detail
    try:
        settle(session, payment, Proof(provider=BANK, transaction_id=line.nrc,
                                       amount=line.amount, currency=line.currency,
                                       channel=Channel.BANK, nrc=line.nrc), actor=actor)
    except DomainError as exc:  # the NRC already paid another payment
        return Outcome.DUPLICATE, {**detail, "code": exc.code}
    return outcome, detail


def _earlier_import(session: Session, sha256: str) -> datetime | None:
    return session.scalar(select(BankStatement.imported_at)
                          .where(BankStatement.file_sha256 == sha256)
                          .order_by(BankStatement.imported_at).limit(1))


def import_bank_statement(session: Session, content: bytes, *, actor: str,
                          file_name: str = "statement.csv") -> StatementReport:
    """Reconcile a bank statement file; returns the report (kept, and audited)."""
    try:
        lines = parse_statement(content)
    except UnreadableStatement as exc:
        raise InvalidStatement(str(exc)) from exc
    sha256 = hashlib.sha256(content).hexdigest()
    before = _earlier_import(session, sha256)
    statement = BankStatement(file_sha256=sha256, file_name=file_name[:200],
                              imported_at=utcnow(), imported_by=actor, totals={})
    session.add(statement)
    session.flush()
    seen, report = Seen(), []
    for line in lines:
        payment = queries.find_payment(session, line.reference, for_update=True)
        outcome, detail = _apply(session, line, payment, seen, actor=actor)
        session.add(BankStatementLine(
            statement_id=statement.id, line_number=line.number, reference=line.reference[:40],
            nrc=line.nrc[:50], amount=line.amount_text, currency=line.currency,
            outcome=outcome, detail=detail, payment_id=payment.id if payment else None))
        report.append(ReportLine(line.number, line.reference[:40], line.nrc[:50],
                                 line.amount_text, line.currency, outcome, detail))
    statement.totals = totals(Outcome(line.outcome) for line in report)
    audit.record_event(
        session, "payments.bank_statement_imported", actor=actor,
        object_type="bank_statement", object_id=str(statement.id),
        data={"file_sha256": sha256, "totals": statement.totals, "reported": [
            {"line": r.number, "outcome": r.outcome, "reference": r.reference}
            for r in report if r.outcome != Outcome.MATCHED]},
    )
    session.flush()
    return StatementReport(statement.id, statement.file_name, statement.imported_at, actor,
                           dict(statement.totals), tuple(report), before)
