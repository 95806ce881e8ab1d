"""Must show 5: the ZIP of a citizen's data holds every submission, document, notification
and payment of hers — each document with the digest of its content — and nothing of
anyone else, though the other citizen has the same kinds of things."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from tests.api.folder.support import Headers, citizen_with_everything, open_export
from tests.conftest import sign_in


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def test_the_export_holds_all_of_hers_and_nothing_of_anyone_else(
    in_app: None, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = citizen_with_everything(client, db, token_for, "ana")
    bernat = citizen_with_everything(client, db, token_for, "bernat")

    sign_in(client, "ana")
    response = client.get("/folder/export")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    export = open_export(response.get_data())
    index = export.index

    assert index["schema_version"] == "1" and index["who"]["id_number"] == "12345678Z"
    assert {s["id"] for s in index["submissions"]} >= ana.submission_ids
    assert {n["id"] for n in index["notifications"]} == ana.notification_ids
    assert {p["reference"] for p in index["payments"]} == ana.payment_references
    assert {f["number"] for f in index["files"]} == ana.file_numbers
    registered = next(s for s in index["submissions"] if s["registry_number"])
    assert registered["answers"]["subject"] == "Fallen tree"
    assert registered["status"] in ("registered", "handed_over")
    accessed = index["notifications"][0]
    assert [e["event"] for e in accessed["events"]][-1] == "accessed"

    listed = {d["document_id"]: d for d in index["documents"] if d.get("document_id")}
    assert set(listed) >= ana.document_ids
    for document in index["documents"]:  # each one inside, with the digest the index says
        content = export.members[document["path"]]
        assert hashlib.sha256(content).hexdigest() == document["sha256"]
    assert {listed[i]["sha256"] for i in ana.document_ids} == ana.document_hashes
    assert export.hashes() >= ana.document_hashes
    receipts = [d for d in index["documents"] if d["kind"] == "payment_receipt"]
    assert len(receipts) == 1 and export.members[receipts[0]["path"]].startswith(b"%PDF")

    # nothing of Bernat: no id, number, reference or document content of his
    for mark in (bernat.submission_ids | bernat.file_numbers | bernat.notification_ids
                 | bernat.payment_references | bernat.document_ids
                 | bernat.document_hashes | {"87654321X"}):
        assert mark not in export.raw_index, mark
    assert not export.hashes() & bernat.document_hashes
    assert db.scalar(select(AuditEvent).where(AuditEvent.action == "folder.data_exported",
                                              AuditEvent.actor == "ana")) is not None


def test_the_api_gives_the_same_export_to_a_program_with_her_token(
    in_app: None, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    bernat = citizen_with_everything(client, db, token_for, "bernat")
    response = client.get("/api/v1/folder/export", headers=token_for("bernat"))
    assert response.status_code == 200
    export = open_export(response.get_data())
    assert {n["id"] for n in export.index["notifications"]} == bernat.notification_ids
    assert export.hashes() >= bernat.document_hashes
    assert "12345678Z" not in export.raw_index
