"""With the card sandbox switched off (production until a real provider exists), the
payment page offers only the letter and the sandbox gateway does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import identity, payments
from eoffice.shared.clock import utcnow
from tests.conftest import csrf_from, sign_in


@pytest.fixture
def no_sandbox(app: Flask) -> Iterator[None]:
    settings = app.config["EOFFICE_SETTINGS"]
    app.config["EOFFICE_SETTINGS"] = settings.model_copy(update={"card_sandbox": False})
    yield
    app.config["EOFFICE_SETTINGS"] = settings


def test_without_the_sandbox_only_the_letter_is_offered(
    client: FlaskClient, db: Session, no_sandbox: None,
) -> None:
    payment = payments.create_self_assessment(db, payments.SelfAssessment(
        subject=payments.Subject("test", "switch"),
        payer_person_id=identity.get_account(db, "ana").person_id, unit_code="URB",
        amount=Decimal("10.00"), currency="EUR",
        concept={"es": "Prueba", "ca": "Prova", "en": "Test"},
        due_on=utcnow().date() + timedelta(days=5)), actor="test")
    sign_in(client, "ana")
    page = client.get(f"/payments/{payment.reference}?lang=en").get_data(as_text=True)
    assert 'data-testid="payment-letter"' in page and 'data-testid="pay-by-card"' not in page
    gateway = client.post("/sandbox/card-gateway/pay", data={"csrf_token": csrf_from(page)})
    assert gateway.status_code == 404  # switched on, the same post is refused as unsigned


def test_with_the_sandbox_the_gateway_answers(client: FlaskClient, db: Session) -> None:
    sign_in(client, "ana")
    page = client.get("/citizen").get_data(as_text=True)
    gateway = client.post("/sandbox/card-gateway/pay", data={"csrf_token": csrf_from(page)})
    assert gateway.status_code in (400, 422)
