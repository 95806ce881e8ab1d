"""The payments API: reading a payment, recording a bank receipt, importing a statement."""

from __future__ import annotations

import io
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import payments
from tests.integration.payments.factories import events, pending_payment

Headers = Callable[[str], dict[str, str]]


def test_the_payer_reads_the_payment_and_another_citizen_gets_404(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    payment = pending_payment(db)
    mine = client.get(f"/api/v1/payments/{payment.reference}", headers=token_for("ana"))
    assert mine.status_code == 200 and mine.json is not None
    assert mine.json["amount"] == "12.50" and mine.json["status"] == "pending"
    other = client.get(f"/api/v1/payments/{payment.reference}", headers=token_for("bernat"))
    assert other.status_code == 404 and other.json is not None
    assert other.json["code"] == "payments.unknown_payment"


def test_a_bank_receipt_with_a_json_number_amount_is_refused(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    payment = pending_payment(db)
    response = client.post(f"/api/v1/payments/{payment.reference}/bank-receipts",
                           json={"nrc": "NRC12121212", "amount": 12.5},
                           headers=token_for("clerk"))
    assert response.status_code == 422
    assert payments.payment_status(db, payment.reference).state == "pending"


def test_a_retried_bank_receipt_pays_once_and_a_second_nrc_is_refused(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    payment = pending_payment(db)
    headers = token_for("clerk")
    url = f"/api/v1/payments/{payment.reference}/bank-receipts"
    body = {"nrc": "NRC34343434", "amount": "12.50"}
    first, again = client.post(url, json=body, headers=headers), client.post(
        url, json=body, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.json is not None and again.json["transaction"] == "NRC34343434"
    other = client.post(url, json={**body, "nrc": "NRC99999999"}, headers=headers)
    assert other.status_code == 409 and other.json is not None
    assert other.json["code"] == "payments.already_paid"
    assert events(db, "payments.bank_receipt_refused")[-1].object_id == payment.reference
    assert len(payments.payment_status(db, payment.reference).history) == 1


def test_a_bank_statement_is_imported_by_the_api_for_reconcilers_only(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    payment = pending_payment(db)
    csv = f"reference,nrc,amount\n{payment.reference},NRC7777777,12.50\n".encode()
    denied = client.post("/api/v1/payments/bank-statements", headers=token_for("clerk"),
                         data={"file": (io.BytesIO(csv), "s.csv")})
    assert denied.status_code == 403
    done = client.post("/api/v1/payments/bank-statements", headers=token_for("admin"),
                       data={"file": (io.BytesIO(csv), "s.csv")})
    assert done.status_code == 201 and done.json is not None
    assert done.json["totals"]["matched"] == 1
    assert done.json["lines"][0]["outcome"] == "matched"


def test_a_malformed_nrc_or_an_unknown_reference_gets_a_clear_problem(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    payment = pending_payment(db)
    headers = token_for("clerk")
    bad = client.post(f"/api/v1/payments/{payment.reference}/bank-receipts",
                      json={"nrc": "12 ?? 34", "amount": "12.50"}, headers=headers)
    assert bad.status_code == 422 and bad.json is not None
    assert bad.json["code"] == "payments.invalid_receipt"
    unknown = client.post("/api/v1/payments/RF18539007547034/bank-receipts",
                          json={"nrc": "NRC12345678", "amount": "12.50"}, headers=headers)
    assert unknown.status_code == 404
    assert payments.payment_status(db, payment.reference).state == "pending"


def test_only_a_reconciler_records_a_refund_and_only_of_a_paid_payment(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    payment = pending_payment(db)
    url = f"/api/v1/payments/{payment.reference}/refund"
    assert client.post(url, headers=token_for("clerk")).status_code == 403
    early = client.post(url, headers=token_for("admin"))
    assert early.status_code == 409 and early.json is not None
    assert early.json["code"] == "payments.not_refundable"
    client.post(f"/api/v1/payments/{payment.reference}/bank-receipts",
                json={"nrc": "NRC56565656", "amount": "12.50"}, headers=token_for("clerk"))
    refunded = client.post(url, headers=token_for("admin"))
    assert refunded.status_code == 200 and refunded.json is not None
    assert refunded.json["status"] == "refunded" and refunded.json["refunded_at"]
