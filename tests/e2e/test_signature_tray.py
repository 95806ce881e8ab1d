"""A two-signer circuit in the back office, in a real browser: head sends a resolution
round head then mayor and signs it; mayor rejects it with a reason. The circuit page, the
document's versions, the signature in the current version and the audit log show both."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from eoffice import documents
from eoffice.audit.models import AuditEvent
from eoffice.shared.db import Database
from tests.e2e.steps import sign_in

pytestmark = pytest.mark.e2e
REASON = "Falta el informe técnico favorable"


@pytest.fixture
def instance(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The instance folder of the e2e server (tests/e2e/conftest.py)."""
    base = Path(tmp_path_factory.getbasetemp())
    [path] = {found.resolve().parent for found in base.glob("e2e-instance*/e2e.sqlite3")}
    return path


@pytest.fixture
def server_database(instance: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{instance / 'e2e.sqlite3'}")
    yield database
    database.dispose()


def _start_circuit_as_head(page: Page) -> str:
    sign_in(page, "head")
    page.goto("/backoffice/signatures")
    page.get_by_test_id("new-circuit").click()
    page.locator("#title").fill("Licencia de obras 31/2026")
    page.locator("#unit").select_option("URB")
    page.locator("#text").fill("Se concede la licencia de obras solicitada.")
    page.locator("#signers").fill("head mayor")
    page.locator("#mode").check()
    with page.expect_navigation():
        page.get_by_test_id("start").click()
    match = re.search(r"/backoffice/signatures/([0-9a-f-]{36})$", page.url)
    assert match, page.url
    return match.group(1)


def _act(page: Page, circuit_id: str, *, reject_with: str | None = None) -> None:
    page.goto("/backoffice/signatures")
    page.locator(f'a[href="/backoffice/signatures/{circuit_id}"]').first.click()
    expect(page.get_by_test_id("document-link")).to_be_visible()
    with page.expect_navigation():
        if reject_with is None:
            page.get_by_test_id("sign").click()
        else:
            page.locator("#reason").fill(reject_with)
            page.get_by_test_id("reject").click()


def test_head_signs_and_mayor_rejects_with_a_reason_and_everything_shows_both(
        new_page, server_database: Database) -> None:
    head = new_page(java_script_enabled=False)
    circuit_id = _start_circuit_as_head(head)
    _act(head, circuit_id)
    expect(head.get_by_test_id("step-head")).to_have_attribute("data-state", "signed")

    mayor = new_page()
    sign_in(mayor, "mayor")
    _act(mayor, circuit_id, reject_with=REASON)

    expect(mayor.get_by_test_id("circuit-state")).to_have_attribute("data-state", "rejected")
    expect(mayor.get_by_test_id("step-head")).to_have_attribute("data-state", "signed")
    expect(mayor.get_by_test_id("step-mayor")).to_have_attribute("data-state", "rejected")
    expect(mayor.get_by_test_id("step-mayor")).to_contain_text(REASON)

    with server_database.reader() as db:
        circuit = documents.get_circuit(db, circuit_id)
        document = documents.get_document(db, circuit.document_id)
        events = db.scalars(select(AuditEvent).where(
            AuditEvent.object_id == circuit.document_id).order_by(AuditEvent.seq)).all()
    assert [v.number for v in document.versions] == [1, 2]
    content = mayor.request.get(f"/backoffice/signatures/{circuit_id}/document").body()
    assert hashlib.sha256(content).hexdigest() == document.current.sha256
    anyone = new_page()  # validation is public: no session, no CSRF token
    validation = anyone.request.post("/api/v1/signatures/validate", multipart={
        "file": {"name": "current.pdf", "mimeType": "application/pdf", "buffer": content}})
    assert validation.ok, validation.text()
    [signature] = validation.json()["signatures"]
    assert signature["valid"] and "Head of urban planning" in signature["signer"]
    actions = [(e.action, e.actor) for e in events]
    assert ("documents.signed_in_tray", "head") in actions
    assert ("documents.rejected_in_tray", "mayor") in actions
    [rejection] = [e for e in events if e.action == "documents.rejected_in_tray"]
    assert rejection.data["reason"] == REASON
