"""Our side of the sandbox card gateway: the merchant form it is sent, the callbacks it
signs, and its status query (answered from the sandbox's own store, in process).

A Redsys adapter would be the same shape, with the bank's key and its REST status
service; this one derives its key from the application secret (see ADR 0016)."""

from __future__ import annotations

from dataclasses import dataclass

from eoffice.payments.adapters.redsys_fields import (
    ISO_ALPHA,
    ISO_NUMERIC,
    MERCHANT_CODE,
    TERMINAL,
    amount_of,
    cents,
    is_authorised,
)
from eoffice.payments.ports import CardOrderRequest, CardResult, RedirectForm
from eoffice.payments.sandbox import store
from eoffice.payments.signatures import SignedMessage, sign, verify
from eoffice.shared.db import Database

SANDBOX = "sandbox"


@dataclass
class SandboxCardProvider:
    """The card provider port on the sandbox gateway (named a sandbox everywhere)."""

    key: bytes
    database: Database
    gateway_url: str
    name: str = SANDBOX
    is_sandbox: bool = True

    def redirect_form(self, order: CardOrderRequest) -> RedirectForm:
        message = sign(self.key, {
            "Ds_Merchant_Amount": cents(order.amount),
            "Ds_Merchant_Currency": ISO_NUMERIC[order.currency],
            "Ds_Merchant_MerchantCode": MERCHANT_CODE,
            "Ds_Merchant_MerchantURL": order.notification_url,
            "Ds_Merchant_Order": order.order_code,
            "Ds_Merchant_ProductDescription": order.description[:125],
            "Ds_Merchant_Terminal": TERMINAL,
            "Ds_Merchant_TransactionType": "0",
            "Ds_Merchant_UrlKO": order.return_url,
            "Ds_Merchant_UrlOK": order.return_url,
        }, order_field="Ds_Merchant_Order")
        return RedirectForm(self.gateway_url, message.as_fields())

    def read_callback(self, message: SignedMessage) -> CardResult | None:
        values = verify(self.key, message, order_field="Ds_Order")
        if values is None:
            return None
        amount = amount_of(values.get("Ds_Amount"))
        currency = ISO_ALPHA.get(str(values.get("Ds_Currency")))
        response = str(values.get("Ds_Response", ""))
        transaction = str(values.get("Ds_TransactionId", ""))
        if amount is None or currency is None or not response or not transaction:
            return None
        return CardResult(order_code=values["Ds_Order"], amount=amount, currency=currency,
                          authorised=is_authorised(response), transaction_id=transaction,
                          response_code=response)

    def query_status(self, order_code: str) -> CardResult | None:
        with self.database.reader() as session:
            found = store.status_of(session, order_code)
            if found is None:
                return None
            return CardResult(order_code=found.order_code, amount=found.amount,
                              currency=found.currency, authorised=found.authorised,
                              transaction_id=found.transaction_id,
                              response_code=found.response_code)
