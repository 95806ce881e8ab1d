"""The payment page, the letter and receipt, and who may see them."""

from __future__ import annotations

import io
from decimal import Decimal

import pikepdf
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import payments
from tests.conftest import sign_in
from tests.integration.payments.factories import pending_payment


def test_the_payer_sees_amount_due_date_letter_and_card_button(client: FlaskClient,
                                                               db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "ana")
    page = client.get(f"/payments/{payment.reference}").get_data(as_text=True)
    assert payment.printed_reference in page and "12.50" in page
    assert "Download payment letter (PDF)" in page and "Pay by card (sandbox)" in page


def test_another_citizen_gets_not_found_as_for_an_unknown_reference(client: FlaskClient,
                                                                    db: Session) -> None:
    payment = pending_payment(db, "ana")
    sign_in(client, "bernat")
    other = client.get(f"/payments/{payment.reference}")
    unknown = client.get("/payments/RF18539007547034")
    assert other.status_code == unknown.status_code == 404
    assert client.get(f"/payments/{payment.reference}/letter.pdf").status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client: FlaskClient, db: Session) -> None:
    payment = pending_payment(db)
    response = client.get(f"/payments/{payment.reference}")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_the_payment_letter_is_a_pdf_a_with_the_reference(client: FlaskClient,
                                                         db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "ana")
    letter = client.get(f"/payments/{payment.reference}/letter.pdf")
    assert letter.mimetype == "application/pdf"
    with pikepdf.open(io.BytesIO(letter.data)) as pdf:
        metadata = pdf.open_metadata()
        assert (metadata["pdfaid:part"], metadata["pdfaid:conformance"]) == ("3", "B")
        assert payment.printed_reference in str(pdf.docinfo["/Title"])


def test_the_receipt_exists_only_once_paid(client: FlaskClient, db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "ana")
    assert client.get(f"/payments/{payment.reference}/receipt.pdf").status_code == 409
    payments.record_bank_receipt(db, payment.reference, nrc="NRC12345678",
                                 amount=Decimal("12.50"), actor="clerk")
    receipt = client.get(f"/payments/{payment.reference}/receipt.pdf")
    assert receipt.status_code == 200 and receipt.data.startswith(b"%PDF")
