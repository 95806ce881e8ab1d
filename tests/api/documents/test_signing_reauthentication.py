"""Re-authentication before signing (ASVS level 3, ADR 0051): an official whose sign-in
is older than ``EOFFICE_REAUTHENTICATION_MINUTES`` confirms her password before her
signature is applied; an API token never signs in the tray."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.audit.models import AuditEvent
from eoffice.documents.runtime import DocumentsRuntime
from eoffice.shared.clock import frozen_at
from tests.conftest import csrf_from, sign_in


@pytest.fixture
def circuit(db: Session, runtime: DocumentsRuntime) -> documents.CircuitView:
    """A resolution of urban planning waiting for the head of unit's signature."""
    draft = documents.DraftResolution(title="Licencia de obras 9/2026",
                                      text="Se concede la licencia.", unit_code="URB")
    document_id = documents.record_draft_resolution(db, draft, actor="clerk", runtime=runtime)
    return documents.start_circuit(db, document_id=document_id, signers=["head"],
                                   actor="clerk")


def _signatures(db: Session, circuit: documents.CircuitView) -> int:
    document = documents.get_document(db, circuit.document_id)
    return sum(len(version.signatures) for version in document.versions)


def _sign(client: FlaskClient, circuit: documents.CircuitView) -> tuple[int, str]:
    token = csrf_from(client.get(f"/backoffice/signatures/{circuit.id}").get_data(as_text=True))
    response = client.post(f"/backoffice/signatures/{circuit.id}/sign",
                           data={"csrf_token": token})
    return response.status_code, response.headers.get("Location", "")


def test_a_signer_signed_in_long_ago_confirms_her_password_before_signing(
        client: FlaskClient, db: Session, circuit: documents.CircuitView) -> None:
    sign_in(client, "head")
    circuit_page = f"/backoffice/signatures/{circuit.id}"
    with frozen_at(datetime.now(UTC) + timedelta(minutes=20)):
        status, location = _sign(client, circuit)
        assert (status, location) == (302, f"/reauthenticate?next={circuit_page}")
        assert _signatures(db, circuit) == 0

        page = client.get(location).get_data(as_text=True)
        assert 'type="password"' in page and 'autocomplete="current-password"' in page
        token = csrf_from(page)
        wrong = client.post("/reauthenticate", data={
            "csrf_token": token, "password": "not-hers", "next": circuit_page})
        assert wrong.status_code == 401
        assert "The user name or the password is not correct." in wrong.get_data(as_text=True)
        assert _sign(client, circuit)[0] == 302 and _signatures(db, circuit) == 0

        confirmed = client.post("/reauthenticate", data={
            "csrf_token": token, "password": "head", "next": circuit_page})
        assert confirmed.headers["Location"] == circuit_page
        assert _sign(client, circuit) == (302, circuit_page)
    assert _signatures(db, circuit) == 1
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.actor == "head")
                         .order_by(AuditEvent.seq)).all()
    assert "identity.reauthenticated" in actions


def test_a_signer_who_signed_in_a_moment_ago_signs_at_once(
        client: FlaskClient, db: Session, circuit: documents.CircuitView) -> None:
    sign_in(client, "head")
    with frozen_at(datetime.now(UTC) + timedelta(minutes=10)):
        assert _sign(client, circuit) == (302, f"/backoffice/signatures/{circuit.id}")
    assert _signatures(db, circuit) == 1


def test_re_authenticating_replaces_the_session_cookie(
        client: FlaskClient, circuit: documents.CircuitView) -> None:
    sign_in(client, "head")
    before = client.get_cookie("eoffice_session")
    assert before is not None
    token = csrf_from(client.get("/reauthenticate").get_data(as_text=True))
    client.post("/reauthenticate", data={"csrf_token": token, "password": "head"})
    old = client.application.test_client()
    old.set_cookie("eoffice_session", before.value)
    assert old.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me").json["login"] == "head"


def test_an_api_token_never_signs_in_the_tray(
        client: FlaskClient, db: Session, circuit: documents.CircuitView,
        token_for: object) -> None:
    headers = token_for("head")  # type: ignore[operator]

    response = client.post(f"/backoffice/signatures/{circuit.id}/sign",
                           headers={**headers, "Accept": "application/problem+json"})

    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == "identity.reauthentication_required"
    assert _signatures(db, circuit) == 0
