"""Back-office pages: clerks record bank receipts; administrators import statements."""

from __future__ import annotations

import io

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import payments
from tests.conftest import csrf_from, sign_in
from tests.integration.payments.factories import events, pending_payment


def _record(client: FlaskClient, reference: str, nrc: str, amount: str) -> object:
    page = client.get(f"/backoffice/payments/{reference}").get_data(as_text=True)
    return client.post(f"/backoffice/payments/{reference}/bank-receipt",
                       data={"nrc": nrc, "amount": amount, "csrf_token": csrf_from(page)})


def test_a_clerk_of_the_unit_records_a_bank_receipt_once_despite_a_double_click(
        client: FlaskClient, db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/payments/{payment.reference}").get_data(as_text=True)
    token = csrf_from(page)
    url = f"/backoffice/payments/{payment.reference}/bank-receipt"
    form = {"nrc": "NRC55556666", "amount": "12,50", "csrf_token": token}
    first, second = client.post(url, data=form), client.post(url, data=form)
    assert first.status_code == second.status_code == 303
    shown = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "already recorded" in shown and 'data-state="paid"' in shown
    assert len(payments.payment_status(db, payment.reference).history) == 1


def test_a_wrong_amount_is_shown_to_the_clerk_and_audited(client: FlaskClient,
                                                         db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "clerk")
    response = _record(client, payment.reference, "NRC55557777", "10.00")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "not the amount owed" in response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert payments.payment_status(db, payment.reference).state == "pending"
    refused = events(db, "payments.bank_receipt_refused")[-1]
    assert refused.data["code"] == "payments.amount_mismatch"


def test_a_clerk_of_another_unit_does_not_find_the_payment(client: FlaskClient,
                                                          db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "clerk2")
    assert client.get(f"/backoffice/payments/{payment.reference}").status_code == 404


def test_a_clerk_finds_a_payment_by_its_printed_reference(client: FlaskClient,
                                                         db: Session) -> None:
    payment = pending_payment(db)
    sign_in(client, "clerk")
    found = client.get("/backoffice/payments", query_string={
        "reference": payment.printed_reference.lower()})
    assert found.headers["Location"].endswith(f"/backoffice/payments/{payment.reference}")
    typo = client.get("/backoffice/payments", query_string={"reference": "RF00 1234"})
    assert typo.status_code == 422


def test_the_administrator_imports_a_statement_and_reads_the_report(client: FlaskClient,
                                                                   db: Session) -> None:
    good, other = pending_payment(db), pending_payment(db)
    csv = (f"reference,nrc,amount\n{good.reference},NRC1000001,12.50\n"
           f"{good.reference},NRC1000002,12.50\n{other.reference},NRC1000003,99.99\n")
    sign_in(client, "admin")
    page = client.get("/admin/payments/bank-statements").get_data(as_text=True)
    response = client.post("/admin/payments/bank-statements", data={
        "csrf_token": csrf_from(page), "file": (io.BytesIO(csv.encode()), "bank.csv")})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for outcome in ("matched", "duplicate", "amount_mismatch"):
        assert f'<tr class="govuk-table__row" data-outcome="{outcome}">' in html
    assert payments.payment_status(db, good.reference).state == "paid"
    assert payments.payment_status(db, other.reference).state == "pending"


def test_a_clerk_may_not_import_bank_statements(client: FlaskClient, db: Session) -> None:
    sign_in(client, "clerk")
    assert client.get("/admin/payments/bank-statements").status_code == 403
