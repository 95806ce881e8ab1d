"""A procedure with a fee: the answers are quoted, a self-assessment is issued, the
application cannot be registered until it is paid, and then it can (here paid at a bank
and recorded with its NRC)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import payments
from eoffice.shared.outbox import Delivery, OutboxMessage
from eoffice.submissions import wiring
from tests.conftest import csrf_from, sign_in
from tests.pdfs import tiny_pdf

Headers = Callable[[str], dict[str, str]]
KITCHEN = {"kind_of_works": "interior_reform", "description": "Kitchen reform",
           "budget": "12000", "occupies_public_road": False,
           "site": {"street": "Carrer Major", "number": "3", "postcode": "46001",
                    "municipality": "València", "province": "València"},
           "property": {"reference": "9872023VH5797S0001WX"}}


def test_the_fee_is_paid_before_the_application_is_registered(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    draft = client.post("/api/v1/submissions", headers=ana,
                        json={"procedure": "minor-works", "case": "interior"}).get_json()
    path = f"/api/v1/submissions/{draft['id']}"
    checked = client.patch(path, json={"answers": KITCHEN}, headers=ana).get_json()
    assert checked["status"] == "validated", checked["validation"]

    unpaid = client.post(f"{path}/submit", json={}, headers=ana)
    assert unpaid.status_code == 409 and unpaid.get_json()["code"] == "submissions.fee_unpaid"

    fee = client.post(f"{path}/payment", headers={**ana, "Accept-Language": "en"}).get_json()
    assert fee["amount"] == "240.00" and fee["status"] == "pending"
    assert fee["reference"].startswith("RF") and "240.00" in " ".join(fee["explanation"])
    again = client.post(f"{path}/payment", headers=ana).get_json()
    assert again["reference"] == fee["reference"]  # asked twice: one self-assessment

    payments.record_bank_receipt(db, fee["reference"], nrc="NRC0123456789012345678",
                                 amount=Decimal("240.00"), actor="clerk")
    missing = client.post(f"{path}/submit", json={}, headers={**ana, "Accept-Language": "en"})
    assert missing.status_code == 409
    assert missing.get_json()["errors"][0]["field"] == "plans"
    attached = client.post(f"{path}/attachments", headers=ana, data={
        "document_type": "plans", "file": (io.BytesIO(tiny_pdf()), "plans.pdf")})
    assert attached.status_code == 201, attached.get_json()
    sent = client.post(f"{path}/submit", json={}, headers=ana)
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json()["status"] == "registered"


def test_a_procedure_without_a_fee_has_no_payment(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    draft = client.post("/api/v1/submissions", headers=ana, json={
        "procedure": "general-application", "case": "standard"}).get_json()
    path = f"/api/v1/submissions/{draft['id']}"
    client.patch(path, json={"answers": {"subject": "a", "request": "b"}}, headers=ana)
    refused = client.post(f"{path}/payment", headers=ana)
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "submissions.fee_unavailable"


def test_on_the_web_the_fee_is_shown_paid_and_then_she_signs(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    draft = client.post("/api/v1/submissions", headers=ana,
                        json={"procedure": "minor-works", "case": "interior"}).get_json()
    client.patch(f"/api/v1/submissions/{draft['id']}", json={"answers": KITCHEN}, headers=ana)
    sign_in(client, "ana")
    form = client.get("/procedures/minor-works/interior/apply?lang=en").get_data(as_text=True)
    assert 'id="fee-quote"' in form and "/procedures/minor-works/interior/fee-quote" in form
    live = client.post("/procedures/minor-works/interior/fee-quote", data={
        "csrf_token": csrf_from(form), "budget": "12000", "kind_of_works": "interior_reform"})
    assert live.status_code == 200 and "240.00" in live.get_data(as_text=True)
    check = client.get(f"/applications/{draft['id']}/check?lang=en").get_data(as_text=True)
    assert 'data-testid="fee-amount">€240.00<' in check and 'data-testid="sign"' not in check
    assert "2 % of a declared" in check or "2 %" in check
    paying = client.post(f"/applications/{draft['id']}/payment",
                         data={"csrf_token": csrf_from(check)})
    assert paying.status_code == 302 and "/payments/RF" in paying.location
    page = client.get(paying.location).get_data(as_text=True)
    assert f"/applications/{draft['id']}/check" in page  # the way back
    reference = paying.location.rsplit("/", 1)[-1]
    payments.record_bank_receipt(db, reference, nrc="NRC0123456789012345678",
                                 amount=Decimal("240.00"), actor="clerk")
    paid = client.get(f"/applications/{draft['id']}/check?lang=en").get_data(as_text=True)
    assert 'data-testid="fee-paid"' in paid and 'data-testid="sign"' not in paid
    assert 'data-testid="sign-after-documents"' in paid  # the plans are still missing


def test_the_settled_payment_moves_the_submission_to_fee_paid(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    draft = client.post("/api/v1/submissions", headers=ana,
                        json={"procedure": "minor-works", "case": "interior"}).get_json()
    path = f"/api/v1/submissions/{draft['id']}"
    client.patch(path, json={"answers": KITCHEN}, headers=ana)
    fee = client.post(f"{path}/payment", headers=ana).get_json()
    payments.record_bank_receipt(db, fee["reference"], nrc="NRC0123456789012345678",
                                 amount=Decimal("240.00"), actor="clerk")
    message = db.scalar(select(OutboxMessage).where(
        OutboxMessage.dedup_key == f"{payments.SETTLED_TOPIC}:{fee['reference']}"))
    assert message is not None
    with app.app_context():
        wiring.payment_settled(Delivery(message.id, message.topic, message.payload, 1))
        wiring.payment_settled(Delivery(message.id, message.topic, message.payload, 2))
    shown = client.get(path, headers=ana).get_json()
    assert shown["status"] == "fee_settled"
    assert [s["action"] for s in shown["history"]].count("Fee paid") == 1  # once, replayed

    locked = client.patch(path, json={"answers": {**KITCHEN, "budget": "50000"}}, headers=ana)
    assert locked.status_code == 409 and locked.get_json()["code"] == "submissions.answers_locked"
    attached = client.post(f"{path}/attachments", headers=ana, data={
        "document_type": "plans", "file": (io.BytesIO(tiny_pdf()), "plans.pdf")})
    assert attached.status_code == 201  # paid, not sent: files may still be delivered
    sign_in(client, "ana")
    check = client.get(f"/applications/{draft['id']}/check?lang=en").get_data(as_text=True)
    assert 'data-testid="sign"' in check
    digest = re.search(r'name="confirm_sha256" value="([0-9a-f]{64})"', check)
    assert digest
    unconfirmed = client.post(f"/applications/{draft['id']}/submit",
                              data={"csrf_token": csrf_from(check)})
    assert unconfirmed.status_code == 409  # the page must say what she saw
    sent = client.post(f"/applications/{draft['id']}/submit",
                       data={"csrf_token": csrf_from(check), "confirm_sha256": digest.group(1)})
    assert sent.status_code == 302
    assert client.get(path, headers=ana).get_json()["status"] == "registered"
