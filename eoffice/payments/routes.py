"""Citizen pages of payments: the payment page, its letter and receipt (PDF/A), paying
by card and coming back from the provider. Only the payer (or staff of the unit) sees
a payment; anyone else gets the same 404 as for an unknown reference."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale

from eoffice import identity
from eoffice.payments import card_flow, printing
from eoffice.payments.domain import PAYABLE, PaymentState, printed_reference
from eoffice.payments.errors import NotPayable
from eoffice.payments.web_support import (
    card_payments_enabled,
    card_provider,
    message_from,
    visible_payment,
)
from eoffice.shared.downloads import content_disposition
from eoffice.shared.i18n import _

bp = Blueprint("payments", __name__)


def _locale() -> str:
    return str(get_locale() or "es")


@bp.get("/payments/<reference>")
def payment(reference: str) -> ResponseReturnValue:
    """Amount, due date, state; the payment letter; paying by card while it is open."""
    view = visible_payment(reference, identity.require_principal())
    return render_template("payments/payment.html", payment=view, locale=_locale(),
                           payable=view.state in PAYABLE, paid=view.state == PaymentState.PAID,
                           card=card_payments_enabled(), sandbox=card_payments_enabled())


def _pdf(body: bytes, name: str) -> Response:
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": content_disposition(name, inline=True)})


@bp.get("/payments/<reference>/letter.pdf")
def letter(reference: str) -> Response:
    """The printable payment letter (PDF/A) to pay at a bank or cash desk."""
    view = visible_payment(reference, identity.require_principal())
    return _pdf(printing.letter_pdf(view, locale=_locale()), f"payment-{view.reference}.pdf")


@bp.get("/payments/<reference>/receipt.pdf")
def receipt(reference: str) -> Response:
    """The receipt (PDF/A) with the transaction reference, once paid."""
    view = visible_payment(reference, identity.require_principal())
    if view.state not in (PaymentState.PAID, PaymentState.REFUNDED):
        raise NotPayable(_("There is no receipt until the payment is paid."))
    return _pdf(printing.receipt_pdf(view, locale=_locale()), f"receipt-{view.reference}.pdf")


@bp.post("/payments/<reference>/card")
def pay_by_card(reference: str) -> ResponseReturnValue:
    """Create (or reuse) the card order and show the form that goes to the provider."""
    principal = identity.require_principal()
    form, sandbox = card_flow.start(reference, login=principal.login)
    return render_template("payments/to_provider.html", form=form, sandbox=sandbox,
                           reference=reference)


@bp.get("/payments/card/return")
def card_return() -> ResponseReturnValue:
    """Where the provider sends the browser back: verified and checked with the provider
    before anything is recorded; shows paid or failed."""
    principal = identity.current_principal()
    outcome = card_flow.take_result(
        message_from(request.args),
        actor=f"card-return:{principal.login if principal else 'anonymous'}")
    return render_template("payments/card_result.html", outcome=outcome,
                           paid=outcome.state == PaymentState.PAID,
                           printed_reference=printed_reference(outcome.reference),
                           sandbox=card_provider().is_sandbox)
