"""Sending a submission through the API: registered once per Idempotency-Key, refused
(and nothing registered, no number consumed) when it is not ready to be sent."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.registry.models import RegistryEntry

Headers = Callable[[str], dict[str, str]]
ANSWERS = {"subject": "Fallen tree", "request": "A tree fell on Carrer Major."}


def validated(client: FlaskClient, headers: dict[str, str]) -> str:
    draft = client.post("/api/v1/submissions", headers=headers,
                        json={"procedure": "general-application", "case": "standard"})
    path = f"/api/v1/submissions/{draft.get_json()['id']}"
    assert client.patch(path, json={"answers": ANSWERS},
                        headers=headers).get_json()["status"] == "validated"
    return path


def entries(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(RegistryEntry)) or 0)


def test_the_same_key_registers_once_and_returns_the_first_result(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    path = validated(client, ana)
    before = entries(db)
    first = client.post(f"{path}/submit", json={}, headers={**ana, "Idempotency-Key": "k-1"})
    again = client.post(f"{path}/submit", json={}, headers={**ana, "Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 200
    assert first.get_json() == again.get_json()
    body = first.get_json()
    assert body["status"] == "registered" and body["receipt"]["verification_code"]
    assert re.fullmatch(r"URB/\d{4}/\d{6}", body["file"]["number"])  # the file it opened
    assert body["registry_entry"]["number"].startswith("E/")
    assert entries(db) == before + 1
    shown = client.get(path, headers=ana).get_json()
    assert shown["status"] == "registered" and shown["signatures"][0]["signer"] == "ana"
    entry = db.scalar(select(RegistryEntry).where(RegistryEntry.submission_id == body["id"]))
    assert entry is not None and entry.destination_unit == "URB"
    assert entry.parties == [{"name": "Ana García Puig", "id_type": "nif",
                              "id_number": "12345678Z", "role": "interested"}]

    other_key = client.post(f"{path}/submit", json={}, headers={**ana, "Idempotency-Key": "k-2"})
    assert other_key.status_code == 409
    assert other_key.get_json()["code"] == "submissions.already_registered"
    reused = client.post(f"{path}/submit", json={"confirm_sha256": "a" * 64},
                         headers={**ana, "Idempotency-Key": "k-1"})
    assert reused.status_code == 422
    assert reused.get_json()["code"] == "shared.idempotency_key_reused"
    assert entries(db) == before + 1


def test_a_draft_with_invalid_answers_is_not_registered(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    draft = client.post("/api/v1/submissions", headers=ana,
                        json={"procedure": "general-application", "case": "standard"})
    path = f"/api/v1/submissions/{draft.get_json()['id']}"
    client.patch(path, json={"answers": {"subject": "only this"}}, headers=ana)
    before = entries(db)
    refused = client.post(f"{path}/submit", json={}, headers=ana)
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "submissions.not_validated"
    assert entries(db) == before


def test_another_citizen_cannot_submit_it_and_a_bad_key_is_refused(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    path = validated(client, token_for("ana"))
    stranger = client.post(f"{path}/submit", json={}, headers=token_for("bernat"))
    assert stranger.status_code == 404
    bad_key = client.post(f"{path}/submit", json={},
                          headers={**token_for("ana"), "Idempotency-Key": "x" * 201})
    assert bad_key.status_code == 400
    assert bad_key.get_json()["code"] == "shared.invalid_idempotency_key"
