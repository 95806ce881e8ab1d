"""The card flow at the web edge: send the payer to the provider, and take the
provider's answer (browser return or server notification) through verification,
a status query outside any transaction, and then the settling service."""

from __future__ import annotations

from flask import url_for

from eoffice.payments.domain import printed_reference
from eoffice.payments.errors import CallbackRefused
from eoffice.payments.ports import CardOrderRequest, RedirectForm
from eoffice.payments.services import card
from eoffice.payments.signatures import SignedMessage, payload_sha256
from eoffice.payments.web_support import audited_refusals, card_provider, record_refusal
from eoffice.shared.db import unit_of_work
from eoffice.shared.i18n import _

REFUSED = "payments.callback_refused"


def start(reference: str, *, login: str) -> tuple[RedirectForm, bool]:
    """The signed form that takes the payer to the provider, and whether it is a sandbox."""
    provider = card_provider()
    with unit_of_work() as db:
        order = card.start_card_payment(db, reference, login=login, provider=provider.name)
        request = CardOrderRequest(
            order_code=order.order_code, amount=order.amount, currency=order.currency,
            description=_("Payment %(reference)s", reference=printed_reference(reference)),
            return_url=url_for("payments.card_return", _external=True),
            notification_url=url_for("payments-api.CardNotifications", _external=True))
    return provider.redirect_form(request), provider.is_sandbox


def take_result(message: SignedMessage, *, actor: str) -> card.CardOutcome:
    """Apply a provider's signed answer once; a forged, tampered or inconsistent one is
    refused (``payments.callback_refused`` in the audit log) and changes nothing."""
    provider = card_provider()
    digest = payload_sha256(message)
    callback = provider.read_callback(message)
    if callback is None:
        record_refusal(REFUSED, actor=actor, object_id="unverified",
                       data={"reason": "signature", "payload_sha256": digest})
        raise CallbackRefused(reason="signature")
    status = provider.query_status(callback.order_code)
    with audited_refusals(REFUSED, actor=actor, object_id=callback.order_code), \
            unit_of_work() as db:
        return card.settle_card_result(db, callback, status, provider=provider.name,
                                       payload_sha256=digest, actor=actor)
