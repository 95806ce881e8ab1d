"""Programs of the exchange that deliver the same entry at the same time (a retry racing
the original): under one Idempotency-Key every answer is the first one; under different
keys exactly one registers it and the others are told it was already received. One entry
and one number either way (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from eoffice import identity
from eoffice.app import create_app
from eoffice.demo import load_demo
from eoffice.documents.pki.sandbox import sandbox_runtime
from eoffice.documents.runtime import EXTENSION as DOCUMENTS_RUNTIME
from eoffice.migrate import upgrade
from eoffice.registry.models import RegistryEntry
from eoffice.shared.db import Database
from tests.conftest import make_settings
from tests.live_server import free_port

TWINS = 8


def _delivery(entry_number: str) -> dict[str, Any]:
    content = b"%PDF-1.4 a letter from another administration"
    return {
        "register": "RGE",
        "origin": {"administration_code": "L01080193", "administration_name": "Barcelona",
                   "entry_number": entry_number, "registered_at": "2026-12-01T09:30:00Z"},
        "subject": "Twin delivery", "destination_unit": "URB",
        "parties": [{"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z"}],
        "documents": [{"name": "letter.pdf", "media_type": "application/pdf",
                       "content_base64": base64.b64encode(content).decode(),
                       "sha256": hashlib.sha256(content).hexdigest()}],
    }


def _database(app: Flask) -> Database:
    found: Database = app.extensions["eoffice.database"]
    return found


def _post(app: Flask, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, Any]:
    answer = app.test_client().post("/api/v1/registry/entries", json=body, headers=headers)
    return answer.status_code, answer.get_json()


@pytest.mark.timeout(600)
def test_twin_deliveries_register_one_entry(scratch_url: str, tmp_path: Path) -> None:
    upgrade(scratch_url)
    # Its own development PKI on a free port: another app of this test session may still
    # serve its own CA on the default port (the demo seals evidence of powers).
    app = create_app(make_settings(tmp_path / "instance", scratch_url,
                                   dev_pki_port=free_port()))
    _database(app).dispose()
    app.extensions["eoffice.database"] = Database(scratch_url, pool_size=TWINS + 2)
    app.extensions[DOCUMENTS_RUNTIME] = sandbox_runtime()
    with app.app_context(), _database(app).unit_of_work() as session:
        load_demo(session, samples=False)
        issued = identity.issue_token(session, identity.get_account(session, "sir"),
                                      name="test", valid_for=timedelta(days=1), actor="test")
        bearer = {"Authorization": f"Bearer {issued.secret}"}
    try:
        keyed = {**bearer, "Idempotency-Key": "retry-1"}
        with ThreadPoolExecutor(max_workers=TWINS) as pool:
            same_key = list(pool.map(lambda _n: _post(app, _delivery("A-1"), keyed),
                                     range(TWINS)))
            other_keys = list(pool.map(
                lambda n: _post(app, _delivery("A-2"), {**bearer, "Idempotency-Key": f"k{n}"}),
                range(TWINS)))
        with _database(app).reader() as db:
            rows = db.execute(select(RegistryEntry.number, RegistryEntry.origin)).all()
    finally:
        _database(app).dispose()
    assert {status for status, _body in same_key} == {201}, same_key
    assert len({body["number"] for _status, body in same_key}) == 1
    statuses = sorted(status for status, _body in other_keys)
    assert statuses == [201] + [409] * (TWINS - 1), other_keys
    assert sorted(origin["entry_number"] for _number, origin in rows) == ["A-1", "A-2"]
