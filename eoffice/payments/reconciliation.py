"""Pure rules of bank statement reconciliation: read the CSV a bank sends and decide,
line by line, whether it pays a payment or must be reported to a person.

The file is UTF-8 CSV (comma or semicolon) with a header naming at least
``reference``, ``nrc`` and ``amount`` (``currency`` defaults to EUR). Nothing here
touches the database: the caller supplies what it knows about each reference.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from eoffice.payments.domain import (
    PAYABLE,
    InvalidAmount,
    PaymentState,
    normalise_reference,
    parse_amount,
)

REQUIRED_COLUMNS = ("reference", "nrc", "amount")
MAX_LINES = 10_000


class Outcome(enum.StrEnum):
    MATCHED = "matched"
    AMOUNT_MISMATCH = "amount_mismatch"
    DUPLICATE = "duplicate"
    UNKNOWN_REFERENCE = "unknown_reference"
    ALREADY_PAID = "already_paid"
    NOT_PAYABLE = "not_payable"
    INVALID = "invalid"


class UnreadableStatement(ValueError):
    """The file is not a CSV statement this office can read."""


@dataclass(frozen=True)
class StatementLine:
    """One line as read: raw texts, and the parsed values when they are valid."""

    number: int
    reference: str
    nrc: str
    amount_text: str
    currency: str
    amount: Decimal | None


@dataclass(frozen=True)
class Known:
    """What the office knows about the payment a line names."""

    state: PaymentState
    amount: Decimal
    currency: str
    transaction: str | None


@dataclass
class Seen:
    """References and NRCs met on earlier lines of the same file."""

    references: set[str] = field(default_factory=set)
    nrcs: set[str] = field(default_factory=set)


def _rows(content: bytes) -> list[dict[str, str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableStatement("not UTF-8") from exc
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise UnreadableStatement(f"missing columns: {', '.join(missing)}")
    rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()
             if isinstance(v, str)} for row in reader]
    if len(rows) > MAX_LINES:
        raise UnreadableStatement(f"more than {MAX_LINES} lines")
    return rows


def parse_statement(content: bytes) -> list[StatementLine]:
    """The lines of a statement file (numbered from 1, the header not counted)."""
    lines = []
    for number, row in enumerate(_rows(content), start=1):
        try:
            amount: Decimal | None = parse_amount(row.get("amount", "").replace(",", "."))
        except InvalidAmount:
            amount = None
        lines.append(StatementLine(
            number=number, reference="".join(row.get("reference", "").split()).upper(),
            nrc="".join(row.get("nrc", "").split()).upper(),
            amount_text=row.get("amount", "")[:20],
            currency=(row.get("currency") or "EUR").upper()[:3], amount=amount,
        ))
    return lines


def _against(line: StatementLine, known: Known | None) -> Outcome:
    if known is None:
        return Outcome.UNKNOWN_REFERENCE
    if known.state == PaymentState.PAID:
        return Outcome.ALREADY_PAID
    if known.state not in PAYABLE:
        return Outcome.NOT_PAYABLE
    if line.amount != known.amount or line.currency != known.currency:
        return Outcome.AMOUNT_MISMATCH
    return Outcome.MATCHED


def classify(line: StatementLine, known: Known | None, seen: Seen) -> Outcome:
    """What a line means: only :attr:`Outcome.MATCHED` lines may pay anything. A
    reference or NRC met on an earlier line of the file makes the line a duplicate."""
    if line.amount is None or not line.nrc:
        return Outcome.INVALID
    if normalise_reference(line.reference) is None:
        return Outcome.UNKNOWN_REFERENCE  # its check digits are wrong: no payment has it
    repeated = line.reference in seen.references or line.nrc in seen.nrcs
    seen.references.add(line.reference)
    seen.nrcs.add(line.nrc)
    return Outcome.DUPLICATE if repeated else _against(line, known)


def totals(outcomes: Iterable[Outcome]) -> dict[str, int]:
    """How many lines ended in each outcome (every outcome listed, zeros included)."""
    counted = dict.fromkeys((o.value for o in Outcome), 0)
    for outcome in outcomes:
        counted[outcome.value] += 1
    return counted
