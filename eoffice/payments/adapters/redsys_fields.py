"""How Redsys-style gateways write amounts, currencies and results (shared by our
adapter and the sandbox gateway that imitates one)."""

from __future__ import annotations

from decimal import Decimal

from eoffice.payments.domain import CENT

ISO_NUMERIC = {"EUR": "978"}
ISO_ALPHA = {number: alpha for alpha, number in ISO_NUMERIC.items()}
AUTHORISED_UP_TO = 99  # Ds_Response 0000-0099: authorised; anything else: declined
MERCHANT_CODE = "999008881"
TERMINAL = "1"
LABEL = "eoffice.payments.sandbox-card-gateway.v1"


def cents(amount: Decimal) -> str:
    return str(int((amount / CENT).to_integral_exact()))


def amount_of(value: object) -> Decimal | None:
    text = str(value)
    return Decimal(int(text)) * CENT if text.isdecimal() and len(text) <= 12 else None


def is_authorised(response_code: str) -> bool:
    return response_code.isdecimal() and int(response_code) <= AUTHORISED_UP_TO
