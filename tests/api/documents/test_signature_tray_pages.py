"""The signature tray pages through the Flask test client: only a circuit's signers see
it, a rejection needs a reason, a signer waits for their turn, a double click signs once,
and a circuit can be started from the form."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.documents.runtime import DocumentsRuntime
from tests.conftest import csrf_from, sign_in


@pytest.fixture
def circuit(db: Session, runtime: DocumentsRuntime) -> documents.CircuitView:
    """A resolution of urban planning waiting for head, then mayor."""
    draft = documents.DraftResolution(title="Licencia de obras 7/2026",
                                      text="Se concede la licencia.", unit_code="URB")
    document_id = documents.record_draft_resolution(db, draft, actor="clerk", runtime=runtime)
    return documents.start_circuit(db, document_id=document_id, signers=["head", "mayor"],
                                   actor="clerk")


def _page(client: FlaskClient, circuit: documents.CircuitView) -> str:
    return client.get(f"/backoffice/signatures/{circuit.id}").get_data(as_text=True)


def _post(client: FlaskClient, circuit: documents.CircuitView, action: str,
          **data: str) -> int:
    token = csrf_from(client.get("/backoffice/signatures/new").get_data(as_text=True))
    response = client.post(f"/backoffice/signatures/{circuit.id}/{action}",
                           data={"csrf_token": token, **data})
    return response.status_code


def test_the_tray_lists_what_waits_for_the_official_signed_in(
        app: Flask, client: FlaskClient, circuit: documents.CircuitView) -> None:
    sign_in(client, "head")
    tray = client.get("/backoffice/signatures").get_data(as_text=True)
    assert f"/backoffice/signatures/{circuit.id}" in tray
    mayor = app.test_client()
    sign_in(mayor, "mayor")
    tray = mayor.get("/backoffice/signatures").get_data(as_text=True)
    assert f"/backoffice/signatures/{circuit.id}" not in tray  # not yet her turn


def test_staff_who_are_not_signers_of_a_circuit_do_not_find_it(
        client: FlaskClient, circuit: documents.CircuitView) -> None:
    sign_in(client, "clerk2")
    assert client.get(f"/backoffice/signatures/{circuit.id}").status_code == 404
    assert client.get(f"/backoffice/signatures/{circuit.id}/document").status_code == 404
    assert _post(client, circuit, "reject", reason="no") == 404


def test_a_signer_reviews_the_current_version_as_a_pdf(
        client: FlaskClient, circuit: documents.CircuitView) -> None:
    sign_in(client, "mayor")
    response = client.get(f"/backoffice/signatures/{circuit.id}/document")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(
        client: FlaskClient, db: Session, circuit: documents.CircuitView) -> None:
    sign_in(client, "head")
    assert _post(client, circuit, "reject", reason="  ") == 422
    assert documents.get_circuit(db, circuit.id) == circuit


def test_signing_out_of_turn_in_a_sequential_circuit_is_refused(
        client: FlaskClient, db: Session, circuit: documents.CircuitView) -> None:
    sign_in(client, "mayor")
    assert 'data-testid="sign"' not in _page(client, circuit)
    assert _post(client, circuit, "sign") == 409
    assert documents.get_circuit(db, circuit.id).current_version == 1


def test_a_double_click_on_sign_signs_once(
        client: FlaskClient, db: Session, circuit: documents.CircuitView) -> None:
    sign_in(client, "head")
    assert _post(client, circuit, "sign") == 302
    assert _post(client, circuit, "sign") == 409
    document = documents.get_document(db, circuit.document_id)
    assert [v.number for v in document.versions] == [1, 2]
    assert sum(len(v.signatures) for v in document.versions) == 1
    steps = {s.signer: s.state for s in documents.get_circuit(db, circuit.id).steps}
    assert steps == {"head": "signed", "mayor": "pending"}


def test_the_head_starts_a_parallel_circuit_from_the_form(
        client: FlaskClient, db: Session, runtime: DocumentsRuntime) -> None:
    sign_in(client, "head")
    token = csrf_from(client.get("/backoffice/signatures/new").get_data(as_text=True))
    response = client.post("/backoffice/signatures/new", data={
        "csrf_token": token, "title": "Orden de ejecución", "unit": "URB",
        "text": "Se ordena la ejecución.", "signers": "mayor, head", "mode": "parallel"})
    assert response.status_code == 302
    circuit_id = re.sub(r".*/backoffice/signatures/", "", response.headers["Location"])
    view = documents.get_circuit(db, circuit_id)
    assert view.mode == "parallel" and [s.signer for s in view.steps] == ["mayor", "head"]
    assert {s.state for s in view.steps} == {"pending"}


def test_the_form_refuses_a_signer_who_cannot_sign_in_the_unit(
        client: FlaskClient) -> None:
    sign_in(client, "head")
    token = csrf_from(client.get("/backoffice/signatures/new").get_data(as_text=True))
    response = client.post("/backoffice/signatures/new", data={
        "csrf_token": token, "title": "Orden", "unit": "URB", "text": "Texto.",
        "signers": "clerk", "mode": "sequential"})
    assert response.status_code == 422
    assert "not_a_signer" not in response.get_data(as_text=True)
    assert "every signer must sign resolutions" in response.get_data(as_text=True)
