"""The sandbox card gateway's pages, mounted under ``/sandbox/card-gateway/``: it takes
the merchant's signed form, offers test cards, records the attempt in its own store,
notifies the merchant's server (through the outbox) and sends the browser back with a
signed result, as a Redsys-style gateway does.

Every page says SANDBOX — NOT A REAL PAYMENT. No card data is kept but the last
four digits of a test card.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
)
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import NotFound

from eoffice.payments.adapters.redsys_fields import ISO_ALPHA, LABEL, amount_of, cents
from eoffice.payments.sandbox import notifier, store
from eoffice.payments.signatures import SignedMessage, derive_key, sign, verify
from eoffice.shared.db import reader, unit_of_work

bp = Blueprint("payments_sandbox", __name__, url_prefix="/sandbox/card-gateway")


@bp.before_request
def _only_when_enabled() -> None:
    """The sandbox gateway does not exist when card payment through it is off."""
    if not current_app.config["EOFFICE_SETTINGS"].card_sandbox:
        raise NotFound()


def gateway_key() -> bytes:
    """The sandbox's merchant key: derived from the application secret and a label."""
    return derive_key(str(current_app.config["SECRET_KEY"]), LABEL)


def _merchant_values() -> tuple[SignedMessage, dict[str, Any]]:
    """The merchant's signed parameters from the posted form; 400 when not genuine."""
    message = SignedMessage(request.form.get("Ds_SignatureVersion", ""),
                            request.form.get("Ds_MerchantParameters", ""),
                            request.form.get("Ds_Signature", ""))
    values = verify(gateway_key(), message, order_field="Ds_Merchant_Order")
    amount = amount_of(values.get("Ds_Merchant_Amount")) if values else None
    if values is None or amount is None or values.get("Ds_Merchant_Currency") not in ISO_ALPHA:
        abort(Response(render_template("payments/sandbox/refused.html"), status=400))
    return message, values


@bp.post("/pay")
def pay() -> ResponseReturnValue:
    """The gateway's payment page for the merchant's order, with the test cards."""
    message, values = _merchant_values()
    return render_template(
        "payments/sandbox/pay.html", fields=message.as_fields(), values=values,
        amount=amount_of(values["Ds_Merchant_Amount"]),
        success_card=store.SUCCESS_CARD, declined_card=store.DECLINED_CARD)


def _signed_result(result: store.SandboxResult) -> dict[str, str]:
    return sign(gateway_key(), {
        "Ds_Amount": cents(result.amount), "Ds_AuthorisationCode": result.authorisation_code,
        "Ds_Currency": "978", "Ds_Order": result.order_code,
        "Ds_Response": result.response_code, "Ds_TransactionId": result.transaction_id,
        "Ds_TransactionType": "0",
    }, order_field="Ds_Order").as_fields()


@bp.post("/pay/authorise")
def authorise() -> ResponseReturnValue:
    """Charge the test card, then send the browser back to the merchant with the result."""
    _message, values = _merchant_values()
    with unit_of_work() as db:
        result = store.charge(
            db, order_code=values["Ds_Merchant_Order"],
            amount=amount_of(values["Ds_Merchant_Amount"]) or abort(400),
            currency=ISO_ALPHA[values["Ds_Merchant_Currency"]],
            card_number=request.form.get("card_number", "")[:30])
        notifier.schedule_notification(db, url=values.get("Ds_Merchant_MerchantURL", ""),
                                       fields=_signed_result(result),
                                       transaction_id=result.transaction_id)
    back = values["Ds_Merchant_UrlOK" if result.authorised else "Ds_Merchant_UrlKO"]
    return redirect(f"{back}?{urlencode(_signed_result(result))}", code=303)


@bp.get("/status/<order_code>")
def status(order_code: str) -> ResponseReturnValue:
    """The gateway's status service: the signed result of an order (404 when unknown)."""
    with reader() as db:
        result = store.status_of(db, order_code[:12])
    if result is None:
        return jsonify({"error": "unknown order", "sandbox": True}), 404
    return jsonify({**_signed_result(result), "sandbox": True})
