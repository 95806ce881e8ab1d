"""Reconciliation rules of bank statement lines (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from eoffice.payments.domain import PaymentState, reference_with_check_digits
from eoffice.payments.reconciliation import (
    Known,
    Outcome,
    Seen,
    UnreadableStatement,
    classify,
    parse_statement,
    totals,
)

REF_A = reference_with_check_digits("1000000000000000001")
REF_B = reference_with_check_digits("1000000000000000002")
OWED = Known(PaymentState.PENDING, Decimal("12.50"), "EUR", None)


def lines(*rows: str) -> list:
    return parse_statement(("reference,nrc,amount,currency\n" + "\n".join(rows)).encode())


def test_a_line_with_the_exact_amount_of_a_pending_payment_matches() -> None:
    [line] = lines(f"{REF_A},NRC0000001,12.50,EUR")
    assert classify(line, OWED, Seen()) == Outcome.MATCHED


def test_a_different_amount_is_a_mismatch() -> None:
    [line] = lines(f"{REF_A},NRC0000001,12.00,EUR")
    assert classify(line, OWED, Seen()) == Outcome.AMOUNT_MISMATCH


def test_the_second_line_for_the_same_reference_is_a_duplicate() -> None:
    first, second = lines(f"{REF_A},NRC0000001,12.50,EUR", f"{REF_A},NRC0000002,12.50,EUR")
    seen = Seen()
    assert classify(first, OWED, seen) == Outcome.MATCHED
    assert classify(second, OWED, seen) == Outcome.DUPLICATE


def test_the_same_nrc_on_two_lines_is_a_duplicate() -> None:
    first, second = lines(f"{REF_A},NRC0000001,12.50,EUR", f"{REF_B},NRC0000001,12.50,EUR")
    seen = Seen()
    classify(first, OWED, seen)
    assert classify(second, OWED, seen) == Outcome.DUPLICATE


def test_unknown_and_wrongly_typed_references_are_reported() -> None:
    unknown, typo = lines(f"{REF_A},NRC0000001,12.50,EUR", "RF00123,NRC0000002,12.50,EUR")
    assert classify(unknown, None, Seen()) == Outcome.UNKNOWN_REFERENCE
    assert classify(typo, None, Seen()) == Outcome.UNKNOWN_REFERENCE


@pytest.mark.parametrize(("state", "outcome"), [
    (PaymentState.PAID, Outcome.ALREADY_PAID), (PaymentState.EXPIRED, Outcome.NOT_PAYABLE),
    (PaymentState.REFUNDED, Outcome.NOT_PAYABLE), (PaymentState.FAILED, Outcome.MATCHED),
])
def test_the_state_of_the_payment_decides_whether_a_line_may_pay_it(
        state: PaymentState, outcome: Outcome) -> None:
    [line] = lines(f"{REF_A},NRC0000001,12.50,EUR")
    known = Known(state, Decimal("12.50"), "EUR", None)
    assert classify(line, known, Seen()) == outcome


def test_a_line_without_amount_or_nrc_is_invalid() -> None:
    no_amount, no_nrc = lines(f"{REF_A},NRC0000001,twelve,EUR", f"{REF_A},,12.50,EUR")
    assert classify(no_amount, OWED, Seen()) == Outcome.INVALID
    assert classify(no_nrc, OWED, Seen()) == Outcome.INVALID


def test_semicolons_decimal_commas_and_missing_currency_are_read() -> None:
    [line] = parse_statement(f"Reference;NRC;Amount\n{REF_A};nrc 000 0001;12,50\n".encode())
    assert (line.reference, line.nrc, line.amount, line.currency) == (
        REF_A, "NRC0000001", Decimal("12.50"), "EUR")


@pytest.mark.parametrize("content", [b"reference,amount\nRF18,1\n", b"\xff\xfe\x00",
                                     b""])
def test_a_file_without_the_needed_columns_is_unreadable(content: bytes) -> None:
    with pytest.raises(UnreadableStatement):
        parse_statement(content)


def test_totals_name_every_outcome() -> None:
    counted = totals([Outcome.MATCHED, Outcome.MATCHED, Outcome.DUPLICATE])
    assert counted["matched"] == 2 and counted["duplicate"] == 1
    assert counted["unknown_reference"] == 0
