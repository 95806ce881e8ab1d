"""Importing a bank statement: matches pay; duplicates, mismatches and unknown
references are reported and change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from eoffice import payments
from eoffice.payments.domain import reference_with_check_digits
from tests.integration.payments.factories import events, pending_payment

UNKNOWN = reference_with_check_digits("9999999999999999999")


def statement(*rows: str) -> bytes:
    return ("reference,nrc,amount,currency\n" + "\n".join(rows) + "\n").encode()


def test_a_statement_pays_matches_and_reports_duplicates_and_mismatches(db: Session) -> None:
    good, other, paid = pending_payment(db), pending_payment(db), pending_payment(db)
    payments.record_bank_receipt(db, paid.reference, nrc="NRCPAID01", amount=Decimal("12.50"),
                                 actor="clerk")
    report = payments.import_bank_statement(db, statement(
        f"{good.reference},NRC0000001,12.50,EUR",
        f"{good.reference},NRC0000002,12.50,EUR",
        f"{other.reference},NRC0000003,10.00,EUR",
        f"{UNKNOWN},NRC0000004,12.50,EUR",
        f"{paid.reference},NRC0000005,12.50,EUR",
    ), actor="admin")
    assert [line.outcome for line in report.lines] == [
        "matched", "duplicate", "amount_mismatch", "unknown_reference", "already_paid"]
    assert report.totals["matched"] == 1 and report.totals["duplicate"] == 1
    assert report.lines[2].detail["expected"] == "12.50"
    assert payments.payment_status(db, good.reference).transaction == "NRC0000001"
    assert payments.payment_status(db, other.reference).state == "pending"
    assert payments.payment_status(db, paid.reference).transaction == "NRCPAID01"
    logged = events(db, "payments.bank_statement_imported")[-1]
    assert {item["outcome"] for item in logged.data["reported"]} == {
        "duplicate", "amount_mismatch", "unknown_reference", "already_paid"}


def test_importing_the_same_statement_again_pays_nothing_twice(db: Session) -> None:
    payment = pending_payment(db)
    content = statement(f"{payment.reference},NRC0000011,12.50,EUR")
    payments.import_bank_statement(db, content, actor="admin")
    again = payments.import_bank_statement(db, content, actor="admin")
    assert [line.outcome for line in again.lines] == ["already_paid"]
    assert again.lines[0].detail["same_nrc"] is True and again.imported_before is not None
    assert len(payments.payment_status(db, payment.reference).history) == 1


def test_an_nrc_already_used_by_another_payment_is_a_duplicate(db: Session) -> None:
    first, second = pending_payment(db), pending_payment(db)
    payments.record_bank_receipt(db, first.reference, nrc="NRC0000021",
                                 amount=Decimal("12.50"), actor="clerk")
    report = payments.import_bank_statement(
        db, statement(f"{second.reference},NRC0000021,12.50,EUR"), actor="admin")
    assert report.lines[0].outcome == "duplicate"
    assert payments.payment_status(db, second.reference).state == "pending"


def test_an_unreadable_file_is_refused_whole(db: Session) -> None:
    with pytest.raises(payments.InvalidStatement):
        payments.import_bank_statement(db, b"just,some\ncolumns,here\n", actor="admin")
