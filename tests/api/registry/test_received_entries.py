"""Entries delivered by another administration (SIR) through the API: the entry takes the
register's next number, its documents are kept with their fingerprints checked, the
receipt is sealed and the hand-off written; bad input changes nothing and consumes no
number; the same Idempotency-Key gives the first answer and registers nothing twice."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import documents, registry
from eoffice.registry import Channel, NewEntry, Party
from eoffice.registry.models import RegistryEntry
from eoffice.registry.services import receiving as registry_receiving
from eoffice.shared.outbox import OutboxMessage
from tests.conftest import sign_in
from tests.pdfs import tiny_pdf

Headers = Callable[[str], dict[str, str]]
ENTRIES = "/api/v1/registry/entries"


def document(content: bytes, name: str = "solicitud.pdf") -> dict[str, str]:
    return {"name": name, "media_type": "application/pdf",
            "content_base64": base64.b64encode(content).decode(),
            "sha256": hashlib.sha256(content).hexdigest()}


def delivery(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "register": "RGE",
        "origin": {"administration_code": "L01080193",
                   "administration_name": "Ajuntament de Barcelona",
                   "entry_number": "REGAGE26e00001234567",
                   "registered_at": "2026-12-01T09:30:00+01:00"},
        "subject": "Solicitud de licencia remitida por otra administración",
        "parties": [{"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
                     "role": "interested"}],
        "destination_unit": "URB",
        "procedure": "terrace-public-road",
        "documents": [document(tiny_pdf("sir"))],
    }
    body.update(changes)
    return body


def next_number(db: Session) -> str:
    """Registers an ordinary entry: the number the register gives next."""
    entry = registry.register_entry(db, NewEntry(
        register="RGE", channel=Channel.IN_PERSON, subject="Probe", destination_unit="REG",
        parties=[Party("Bernat Soler Ferrer", "nif", "87654321X")]), actor="registrar")
    db.flush()
    return entry.number


def following(number: str) -> str:
    prefix, sequence = number.rsplit("/", 1)
    return f"{prefix}/{int(sequence) + 1:0{len(sequence)}d}"


def count(db: Session, model: Any) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def test_an_entry_from_another_administration_is_numbered_kept_and_receipted(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    before = next_number(db)
    scan = tiny_pdf("sir")
    answer = client.post(ENTRIES, json=delivery(), headers=token_for("sir"))
    assert answer.status_code == 201, answer.get_data(as_text=True)[:800]
    body = answer.get_json()
    assert body["number"] == following(before) and body["channel"] == "other_administration"
    assert body["origin"]["administration_code"] == "L01080193"
    assert body["origin"]["entry_number"] == "REGAGE26e00001234567"
    assert body["receipt"] and body["receipt"]["verification_code"]

    entry = db.get(RegistryEntry, body["id"])
    assert entry is not None and entry.receipt_document_id
    assert entry.procedure_code == "terrace-public-road"
    assert entry.documents[0]["sha256"] == hashlib.sha256(scan).hexdigest()
    kept = documents.get_document(db, body["documents"][0]["id"])
    assert kept.origin == "administration" and kept.sha256 == entry.documents[0]["sha256"]
    with app.app_context():
        _version, chunks = documents.open_content(db, kept.id)
        assert b"".join(chunks) == scan
    handoff = db.scalar(select(OutboxMessage).where(
        OutboxMessage.topic == registry.REGISTERED_TOPIC,
        OutboxMessage.dedup_key == f"{registry.REGISTERED_TOPIC}:{entry.id}"))
    assert handoff is not None and handoff.payload["channel"] == "other_administration"

    staff = client.get(f"{ENTRIES}/{entry.id}", headers=token_for("registrar")).get_json()
    assert staff["origin"]["administration_name"] == "Ajuntament de Barcelona"
    sign_in(client, "registrar")
    page = client.get(f"/backoffice/registry/{entry.id}?lang=en").get_data(as_text=True)
    assert "Ajuntament de Barcelona (L01080193)" in page
    assert "REGAGE26e00001234567" in page and "From another administration" in page


def test_the_same_key_gives_the_first_answer_and_another_body_is_refused(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    headers = {**token_for("sir"), "Idempotency-Key": "sir-exchange-0001"}
    body = delivery()
    first = client.post(ENTRIES, json=body, headers=headers)
    assert first.status_code == 201
    entries = count(db, RegistryEntry)
    again = client.post(ENTRIES, json=body, headers=headers)
    assert again.status_code == 201
    assert again.get_json()["number"] == first.get_json()["number"]
    assert again.get_json()["receipt"] == first.get_json()["receipt"]
    other = client.post(ENTRIES, json={**body, "subject": "Something else"}, headers=headers)
    assert other.status_code == 422
    assert other.get_json()["code"] == "shared.idempotency_key_reused"
    assert count(db, RegistryEntry) == entries


def test_the_same_origin_entry_is_not_registered_twice(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    sir = token_for("sir")
    assert client.post(ENTRIES, json=delivery(), headers=sir).status_code == 201
    twice = client.post(ENTRIES, json=delivery(), headers=sir)  # new key, same origin entry
    assert twice.status_code == 409 and twice.get_json()["code"] == "registry.already_received"


def _broken_base64() -> dict[str, Any]:
    item = document(tiny_pdf())
    return delivery(documents=[{**item, "content_base64": "not base64 at all!"}])


def _wrong_hash() -> dict[str, Any]:
    item = document(tiny_pdf())
    return delivery(documents=[{**item, "sha256": "0" * 64}])


def _missing_subject() -> dict[str, Any]:
    body = delivery()
    del body["subject"]
    return body


REFUSALS = [
    (_broken_base64, 422, "registry.malformed_document"),
    (_wrong_hash, 422, "registry.document_hash_mismatch"),
    (lambda: delivery(register="NOPE"), 404, "registry.unknown_register"),
    (lambda: delivery(register="RGS"), 404, "registry.unknown_register"),  # an exit register
    (lambda: delivery(destination_unit="NOPE"), 422, "registry.invalid_entry"),
    (_missing_subject, 422, "request.validation_failed"),
    (lambda: delivery(parties=[]), 422, "request.validation_failed"),
    (lambda: delivery(parties=[{"name": "X", "id_type": "nif", "id_number": "12345678A"}]),
     422, "registry.invalid_entry"),
    (lambda: delivery(origin={**delivery()["origin"], "administration_code": "bad"}),
     422, "request.validation_failed"),
    (lambda: delivery(documents=[{**document(b"x"), "media_type": "application/x-msdownload"}]),
     422, "request.validation_failed"),
]


@pytest.mark.parametrize(("make", "status", "code"), REFUSALS)
def test_bad_input_is_refused_with_a_stable_code_and_consumes_no_number(
    client: FlaskClient, db: Session, token_for: Headers,
    make: Callable[[], dict[str, Any]], status: int, code: str,
) -> None:
    before = next_number(db)
    documents_before = count(db, documents_table())
    answer = client.post(ENTRIES, json=make(), headers=token_for("sir"))
    assert answer.status_code == status, answer.get_data(as_text=True)[:500]
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["code"] == code
    assert "12345678Z" not in answer.get_data(as_text=True)  # no personal data echoed
    assert count(db, documents_table()) == documents_before
    assert next_number(db) == following(before)  # no number was consumed


def documents_table() -> Any:
    from eoffice.documents.models import Document  # noqa: PLC0415 - counting rows only

    return Document


def test_a_document_over_the_limit_is_refused_and_consumes_no_number(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = app.config["EOFFICE_SETTINGS"]
    monkeypatch.setitem(app.config, "EOFFICE_SETTINGS",
                        settings.model_copy(update={"max_pdf_bytes": 100}))
    before = next_number(db)
    answer = client.post(ENTRIES, json=delivery(documents=[document(b"%PDF-" + b"x" * 200)]),
                         headers=token_for("sir"))
    assert answer.status_code == 413
    assert answer.get_json()["code"] == "registry.document_too_large"
    assert next_number(db) == following(before)


def test_too_much_content_in_one_delivery_is_refused(
    client: FlaskClient, db: Session, token_for: Headers, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eoffice.registry.services import receiving  # noqa: PLC0415 - the limit under test

    monkeypatch.setattr(receiving, "MAX_RECEIVED_CONTENT_BYTES", 300)
    pieces = [document(tiny_pdf(f"part {n}"), f"part{n}.pdf") for n in range(3)]
    answer = client.post(ENTRIES, json=delivery(documents=pieces), headers=token_for("sir"))
    assert answer.status_code == 413
    assert answer.get_json()["code"] == "registry.delivery_too_large"


def test_only_the_exchange_account_may_deliver(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    entries = count(db, RegistryEntry)
    for login in ("registrar", "clerk", "ana"):
        refused = client.post(ENTRIES, json=delivery(), headers=token_for(login))
        assert refused.status_code == 403, login
        assert refused.mimetype == "application/problem+json"
    assert client.post(ENTRIES, json=delivery()).status_code == 401
    assert count(db, RegistryEntry) == entries
    # and the exchange account does not read the registry
    assert client.get(ENTRIES, headers=token_for("sir")).status_code == 403


def test_a_retry_whose_twin_commits_while_it_checks_gets_the_first_answer(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headers = {**token_for("sir"), "Idempotency-Key": "sir-exchange-race"}
    body = delivery()
    check = registry_receiving.check_delivery
    twin: list[Any] = []

    def twin_commits_first(*args: Any, **kwargs: Any) -> None:
        if not twin:  # the original request lands between the key lookup and the check
            twin.append(None)
            twin[0] = app.test_client().post(ENTRIES, json=body, headers=headers)
        check(*args, **kwargs)

    monkeypatch.setattr(registry_receiving, "check_delivery", twin_commits_first)
    retry = client.post(ENTRIES, json=body, headers=headers)
    assert twin[0].status_code == 201, twin[0].get_json()
    assert retry.status_code == 201, retry.get_json()
    assert retry.get_json()["number"] == twin[0].get_json()["number"]
