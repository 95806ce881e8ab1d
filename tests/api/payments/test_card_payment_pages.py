"""Paying by card through the pages and the sandbox gateway (Flask test client)."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlencode

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import payments
from eoffice.payments.sandbox.notifier import NOTIFY_TOPIC
from eoffice.payments.sandbox.store import DECLINED_CARD, SUCCESS_CARD
from eoffice.shared.outbox import OutboxMessage
from tests.api.payments.card_steps import callback_fields, hidden_fields, pay_with_card
from tests.conftest import csrf_from, sign_in
from tests.integration.payments.factories import events, pending_payment


def test_the_payer_pays_by_card_and_sees_the_payment_paid(client: FlaskClient,
                                                           db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "ana")
    back = client.get(pay_with_card(client, payment.reference, SUCCESS_CARD))
    assert back.status_code == 200 and 'data-state="paid"' in back.get_data(as_text=True)
    page = client.get(f"/payments/{payment.reference}").get_data(as_text=True)
    assert 'data-state="paid"' in page and "Download receipt (PDF)" in page


def test_coming_back_twice_with_the_same_result_pays_once(client: FlaskClient,
                                                          db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "ana")
    return_url = pay_with_card(client, payment.reference, SUCCESS_CARD)
    client.get(return_url)
    again = client.get(return_url)
    html = again.get_data(as_text=True)
    assert again.status_code == 200 and 'data-state="paid"' in html
    assert "already been recorded" in html
    assert len(payments.payment_status(db, payment.reference).history) == 1
    order = json.loads(base64.b64decode(callback_fields(return_url)["Ds_MerchantParameters"]))
    status = client.get(f"/sandbox/card-gateway/status/{order['Ds_Order']}")
    assert status.json is not None and status.json["sandbox"] is True


def test_a_tampered_return_is_refused_audited_and_changes_nothing(client: FlaskClient,
                                                                  db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "ana")
    fields = callback_fields(pay_with_card(client, payment.reference, DECLINED_CARD))
    values = json.loads(base64.b64decode(fields["Ds_MerchantParameters"]))
    values["Ds_Response"] = "0000"  # "declined" rewritten as "authorised"
    fields["Ds_MerchantParameters"] = base64.b64encode(json.dumps(values).encode()).decode()
    refused = client.get(f"/payments/card/return?{urlencode(fields)}")
    assert refused.status_code == 400
    assert "could not be verified" in refused.get_data(as_text=True)
    assert payments.payment_status(db, payment.reference).state == "pending"
    assert events(db, "payments.callback_refused")[-1].data["reason"] == "signature"


def test_a_declined_card_shows_the_payment_failed_and_payable(client: FlaskClient,
                                                              db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "ana")
    back = client.get(pay_with_card(client, payment.reference, DECLINED_CARD))
    assert 'data-state="failed"' in back.get_data(as_text=True)
    page = client.get(f"/payments/{payment.reference}").get_data(as_text=True)
    assert "Pay by card (sandbox)" in page


def test_a_double_click_on_pay_by_card_sends_one_order(client: FlaskClient,
                                                       db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "ana")
    page = client.get(f"/payments/{payment.reference}").get_data(as_text=True)
    token = csrf_from(page)
    first = client.post(f"/payments/{payment.reference}/card", data={"csrf_token": token})
    second = client.post(f"/payments/{payment.reference}/card", data={"csrf_token": token})
    orders = [json.loads(base64.b64decode(hidden_fields(r.get_data(as_text=True))[
        "Ds_MerchantParameters"]))["Ds_Merchant_Order"] for r in (first, second)]
    assert orders[0] == orders[1]


def test_the_gateway_refuses_a_form_not_signed_by_the_merchant(client: FlaskClient,
                                                               db: Session) -> None:
    sign_in(client, "ana")
    page = client.get("/citizen").get_data(as_text=True)
    fake = base64.b64encode(json.dumps({"Ds_Merchant_Order": "1", "Ds_Merchant_Amount": "1",
                                        "Ds_Merchant_Currency": "978"}).encode()).decode()
    refused = client.post("/sandbox/card-gateway/pay", data={
        "Ds_SignatureVersion": "HMAC_SHA256_V1", "Ds_MerchantParameters": fake,
        "Ds_Signature": "forged", "csrf_token": csrf_from(page)})
    assert refused.status_code == 400 and "SANDBOX" in refused.get_data(as_text=True)


def test_the_provider_notification_is_verified_and_idempotent(client: FlaskClient,
                                                              db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "ana")
    fields = callback_fields(pay_with_card(client, payment.reference, SUCCESS_CARD))
    [scheduled] = db.scalars(select(OutboxMessage).filter_by(topic=NOTIFY_TOPIC)).all()
    assert scheduled.payload["url"].endswith("/api/v1/payments/card-notifications")
    assert scheduled.payload["fields"] == fields
    server = client.application.test_client()  # the provider: no cookie, no CSRF token
    first = server.post("/api/v1/payments/card-notifications", data=fields)
    again = server.post("/api/v1/payments/card-notifications", data=fields)
    assert first.json == {"reference": payment.reference, "status": "paid",
                          "replayed": False}
    assert again.json is not None and again.json["replayed"] is True
    forged = server.post("/api/v1/payments/card-notifications",
                         data={**fields, "Ds_Signature": "AAAA"})
    assert forged.status_code == 400 and forged.json is not None
    assert forged.json["code"] == "payments.callback_refused"
