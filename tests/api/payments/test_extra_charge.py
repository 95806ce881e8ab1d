"""A card charge that arrives after the payment was paid at a bank is recorded as a
charge to refund (never dropped), and the payment stays paid once."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import payments
from eoffice.audit.models import AuditEvent
from eoffice.payments.models import PaymentTransaction
from eoffice.payments.sandbox.store import SUCCESS_CARD
from tests.api.payments.card_steps import hidden_fields
from tests.api.submissions.test_fee_step import KITCHEN
from tests.conftest import csrf_from, sign_in

Headers = Callable[[str], dict[str, str]]


def test_a_card_charge_after_a_bank_payment_is_kept_as_a_refund_due(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    draft = client.post("/api/v1/submissions", headers=ana,
                        json={"procedure": "minor-works", "case": "interior"}).get_json()
    path = f"/api/v1/submissions/{draft['id']}"
    client.patch(path, json={"answers": KITCHEN}, headers=ana)
    reference = client.post(f"{path}/payment", headers=ana).get_json()["reference"]
    sign_in(client, "ana")
    page = client.get(f"/payments/{reference}").get_data(as_text=True)
    to_provider = client.post(f"/payments/{reference}/card",
                              data={"csrf_token": csrf_from(page)}).get_data(as_text=True)
    fields = hidden_fields(to_provider)
    gateway = client.post("/sandbox/card-gateway/pay",
                          data={**fields, "csrf_token": csrf_from(to_provider)})
    payments.record_bank_receipt(db, reference, nrc="NRC0123456789012345678",
                                 amount=Decimal("240.00"), actor="clerk")  # meanwhile
    back = client.post("/sandbox/card-gateway/pay/authorise", data={
        **fields, "card_number": SUCCESS_CARD,
        "csrf_token": csrf_from(gateway.get_data(as_text=True))})
    place = urlsplit(back.headers["Location"])
    shown = client.get(f"{place.path}?{place.query}&lang=en")
    assert shown.status_code == 200
    assert 'data-testid="refund-due"' in shown.get_data(as_text=True)
    again = client.get(f"{place.path}?{place.query}")  # the same answer again
    assert again.status_code == 200

    kinds = [t.state for t in db.scalars(select(PaymentTransaction)
                                         .order_by(PaymentTransaction.id))][-2:]
    assert kinds == ["paid", "refund_due"]
    assert payments.payment_status(db, reference).state == "paid"
    assert db.scalar(select(AuditEvent).where(AuditEvent.action == "payments.refund_due",
                                              AuditEvent.object_id == reference))
