"""Paying a fee by card through the sandbox gateway in a real browser, and what a
replayed or tampered return from the gateway does (nothing)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from eoffice import identity, payments
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database
from tests.e2e.steps import sign_in

pytestmark = pytest.mark.e2e
CONCEPT = {"es": "Tasa de prueba", "ca": "Taxa de prova", "en": "Test fee"}


@pytest.fixture
def server_database(server_url: str,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The database of the e2e server's own instance (tests/e2e/conftest.py)."""
    base = Path(tmp_path_factory.getbasetemp())
    [path] = {found.resolve() for found in base.glob("e2e-instance*/e2e.sqlite3")}
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


def _pending_payment_for_ana(database: Database) -> str:
    with database.unit_of_work() as db:
        request = payments.SelfAssessment(
            subject=payments.Subject("submission", str(uuid.uuid4())),
            payer_person_id=identity.get_account(db, "ana").person_id, unit_code="URB",
            amount=Decimal("27.35"), currency="EUR", concept=CONCEPT,
            due_on=utcnow().date() + timedelta(days=10))
        return payments.create_self_assessment(db, request, actor="e2e").reference


def _status(database: Database, reference: str) -> payments.PaymentView:
    with database.reader() as db:
        return payments.payment_status(db, reference)


def _with_signature(url: str, signature: str) -> str:
    parts = urlsplit(url)
    fields = {key: values[0] for key, values in parse_qs(parts.query).items()}
    return f"{parts.path}?{urlencode({**fields, 'Ds_Signature': signature})}"


def test_ana_pays_by_card_and_a_replayed_or_tampered_return_changes_nothing(
        page: Page, server_database: Database) -> None:
    reference = _pending_payment_for_ana(server_database)
    sign_in(page, "ana")
    page.goto(f"/payments/{reference}")
    expect(page.get_by_test_id("payment-state")).to_have_attribute("data-state", "pending")
    expect(page.get_by_test_id("payment-amount")).to_contain_text("27,35")

    with page.expect_navigation():
        page.get_by_test_id("pay-by-card").click()
    expect(page.get_by_test_id("sandbox-banner")).to_contain_text("SANDBOX")
    with page.expect_navigation():
        page.get_by_test_id("go-to-provider").click()
    expect(page.get_by_test_id("sandbox-banner")).to_contain_text("SANDBOX")
    expect(page.get_by_test_id("test-cards")).to_be_visible()
    page.locator("#card_number").fill("4548 8100 0000 0003")
    with page.expect_navigation():
        page.get_by_test_id("sandbox-pay").click()

    expect(page.get_by_test_id("card-result")).to_have_attribute("data-state", "paid")
    paid = _status(server_database, reference)
    assert paid.state == "paid" and paid.paid_channel == "card"
    return_url = page.url

    replay = page.goto(return_url)
    assert replay is not None and replay.status == 200
    expect(page.get_by_test_id("card-result")).to_have_attribute("data-state", "paid")
    expect(page.get_by_test_id("callback-replayed")).to_be_visible()
    tampered = page.goto(_with_signature(return_url, "AAAA" + "B" * 40))
    assert tampered is not None and tampered.status == 400

    after = _status(server_database, reference)
    assert after.state == "paid" and after.transaction == paid.transaction
    assert [change.state for change in after.history] == ["paid"]
    page.goto(f"/payments/{reference}")
    expect(page.get_by_test_id("payment-state")).to_have_attribute("data-state", "paid")
