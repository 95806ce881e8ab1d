"""A general application (not tied to any procedure) is registered like any other entry,
both in person at the registry office and when another administration delivers it."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.registry.models import RegistryEntry
from tests.conftest import csrf_from, sign_in
from tests.pdfs import tiny_pdf

Headers = Callable[[str], dict[str, str]]


def test_a_paper_application_without_procedure_is_registered_in_person(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "registrar")
    token = csrf_from(client.get("/backoffice/registry/new").get_data(as_text=True))
    done = client.post("/backoffice/registry/new", data={
        "csrf_token": token, "register": "RGE", "name": "Ana García Puig", "id_type": "nif",
        "id_number": "12345678Z", "subject": "A general application", "unit": "URB",
        "procedure": ""})
    assert done.status_code == 303, done.get_data(as_text=True)[:500]
    entry = db.get(RegistryEntry, done.location.rsplit("/", 1)[-1])
    assert entry is not None and entry.procedure_code is None and entry.case_code is None
    assert entry.channel == "in_person" and entry.receipt_document_id


def test_a_delivered_entry_without_procedure_is_registered(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    letter = tiny_pdf("general")
    answer = client.post("/api/v1/registry/entries", headers=token_for("sir"), json={
        "register": "RGE",
        "origin": {"administration_code": "A09002970",
                   "administration_name": "Generalitat de Catalunya",
                   "entry_number": "2026/778899", "registered_at": "2026-12-02T12:00:00Z"},
        "subject": "Escrit genèric", "destination_unit": "REG",
        "parties": [{"name": "Bernat Soler Ferrer", "id_type": "nif",
                     "id_number": "87654321X"}],
        "documents": [{"name": "escrit.pdf", "media_type": "application/pdf",
                       "content_base64": base64.b64encode(letter).decode(),
                       "sha256": hashlib.sha256(letter).hexdigest().upper()}],
        "language": "ca"})
    assert answer.status_code == 201, answer.get_data(as_text=True)[:500]
    entry = db.get(RegistryEntry, answer.get_json()["id"])
    assert entry is not None and entry.procedure_code is None
    assert entry.parties[0]["role"] == "interested"
