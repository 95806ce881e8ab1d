"""What the councillor sees when she signs in the tray a decree she may no longer sign:
the reason, in her language, and the decree still waiting, unnumbered."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import bodies, documents
from eoffice.bodies import NewDelegation
from eoffice.shared.clock import frozen_at
from tests.conftest import csrf_from, sign_in


def test_the_tray_tells_the_councillor_her_delegation_has_ended(
        app: Flask, client: FlaskClient, db: Session) -> None:
    bodies.create_delegation(db, NewDelegation(
        delegating_body="mayor", delegate_body="councillor_public_space",
        procedure_code="public-information-access", valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 3), reference="Decreto 2026/99"), actor="admin")
    with app.app_context():
        document_id = documents.record_draft_resolution(db, documents.DraftResolution(
            title="Acceso a las actas", text="Se concede.", unit_code="ODP"), actor="clerk")
        bodies.register_resolution(db, document_id=document_id,
                                   procedure_code="public-information-access",
                                   title="Acceso a las actas", actor="clerk")
        circuit = documents.start_circuit(db, document_id=document_id,
                                          signers=["councillor"], actor="clerk")
    sign_in(client, "councillor")
    page = f"/backoffice/signatures/{circuit.id}"
    with frozen_at(datetime(2026, 12, 4, 9, 0, tzinfo=UTC)):
        token = csrf_from(client.get(f"{page}?lang=es").get_data(as_text=True))
        answer = client.post(f"{page}/sign", data={"csrf_token": token})
    assert answer.status_code == 403
    html = answer.get_data(as_text=True)
    assert "Decreto 2026/99" in html and "3 de diciembre de 2026" in html  # her language
    found = bodies.find_resolution_by_document(db, document_id)
    assert found is not None and (found.state, found.number) == ("pending", None)
    assert documents.get_circuit(db, circuit.id).state == "pending"
