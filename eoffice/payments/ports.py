"""Ports of the payments context: what a card provider and a PDF renderer must offer.
Adapters live in ``adapters/``; the sandbox card gateway and WeasyPrint are the ones
shipped now (a Redsys adapter, or the documents context's renderer, can replace them)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from eoffice.payments.signatures import SignedMessage


@dataclass(frozen=True)
class CardOrderRequest:
    """What the merchant asks the provider to charge."""

    order_code: str
    amount: Decimal
    currency: str
    description: str
    return_url: str
    notification_url: str


@dataclass(frozen=True)
class RedirectForm:
    """The form the citizen's browser posts to the provider's payment page."""

    action: str
    fields: dict[str, str]


@dataclass(frozen=True)
class CardResult:
    """What the provider says about an order (from a callback or a status query)."""

    order_code: str
    amount: Decimal
    currency: str
    authorised: bool
    transaction_id: str
    response_code: str


class CardProvider(Protocol):
    """An online card payment provider in the redirect-and-verify pattern."""

    name: str
    is_sandbox: bool

    def redirect_form(self, order: CardOrderRequest) -> RedirectForm:
        """The signed form that sends the browser to the provider."""
        ...

    def read_callback(self, message: SignedMessage) -> CardResult | None:
        """The result in a callback or return URL, or None when its signature is wrong."""
        ...

    def query_status(self, order_code: str) -> CardResult | None:
        """Ask the provider what happened to an order (None: it knows nothing of it)."""
        ...


class PdfRenderer(Protocol):
    """Turns an HTML page into a PDF/A document."""

    def pdf_from_html(self, html: str) -> bytes:
        ...
