"""Pure rules of payments: states and their transitions, amounts, and the ISO 11649
("RF") creditor references printed on payment letters. No session, no Flask."""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from stdnum import iso11649

CURRENCIES = frozenset({"EUR"})
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")
REFERENCE_DIGITS = 19  # 19 random digits: about 63 bits, RF + 2 check digits = 23 chars


class PaymentState(enum.StrEnum):
    PENDING = "pending"
    PAID = "paid"
    FAILED = "failed"
    EXPIRED = "expired"
    REFUNDED = "refunded"


# A failed card attempt leaves the payment open: the citizen may try again or pay at a bank.
PAYABLE = frozenset({PaymentState.PENDING, PaymentState.FAILED})
SETTLED = frozenset({PaymentState.PAID, PaymentState.REFUNDED})


class Channel(enum.StrEnum):
    BANK = "bank"  # receipt reference (NRC) recorded by a clerk or from a bank statement
    CARD = "card"  # an online card provider


@dataclass(frozen=True)
class Subject:
    """What a payment is for: ``Subject("submission", "<uuid>")``."""

    kind: str
    id: str


class InvalidAmount(ValueError):
    """Not an amount of money with at most two decimals, above zero."""


def parse_amount(value: str | Decimal) -> Decimal:
    """A positive amount with cents, from text or Decimal (never from a float)."""
    if isinstance(value, float):  # pragma: no cover - guarded by types, kept for callers
        raise InvalidAmount("amounts are never floats")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise InvalidAmount(str(value)) from exc
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        raise InvalidAmount(str(value))
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise InvalidAmount(str(value))
    return amount.quantize(CENT)


def amount_text(amount: Decimal) -> str:
    """The wire form of an amount: two decimals, a dot (``"12.50"``)."""
    return str(amount.quantize(CENT))


def reference_with_check_digits(body: str) -> str:
    """The RF creditor reference for ``body`` (digits and capital letters)."""
    body = body.upper()
    numeric = "".join(str(int(char, 36)) for char in body + "RF00")
    return f"RF{98 - int(numeric) % 97:02d}{body}"


def new_reference() -> str:
    """A fresh, unguessable RF reference (the caller makes sure it was never used)."""
    body = "".join(secrets.choice("0123456789") for _ in range(REFERENCE_DIGITS))
    return reference_with_check_digits(body)


def normalise_reference(value: str) -> str | None:
    """The compact RF reference when ``value`` passes its check digits, else None."""
    try:
        return str(iso11649.validate(value))
    except iso11649.ValidationError:
        return None


def printed_reference(reference: str) -> str:
    """The reference in blocks of four, as printed for people (``RF18 5390 0754 ...``)."""
    return str(iso11649.format(reference))
