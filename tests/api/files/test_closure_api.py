"""Closing a file: the index, sealed by the office, lists every document with its
SHA-256 and joins the file; the closed file then refuses documents, annotations and
movements with 409 ``files.closed`` and changes nothing. Sealing that fails, or a file
that changes while its index is sealed, leaves the file open and otherwise untouched."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from eoffice import documents, files
from eoffice.files.models import AdministrativeFile
from eoffice.shared.db import unit_of_work
from tests.api.files.sent import Headers, file_path, send_application
from tests.pdfs import pdf_text, tiny_pdf


def _compact(text: str) -> str:
    return "".join(text.split())  # table cells wrap long hashes


def test_closing_seals_an_index_listing_every_document_hash(
    app: Flask, client: FlaskClient, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    clerk = token_for("clerk")
    before = client.get(file_path(number), headers=clerk).get_json()["documents"]
    assert len(before) >= 2

    closed = client.post(file_path(number, "/closure"), headers=clerk)
    assert closed.status_code == 200, closed.get_json()
    file = closed.get_json()
    assert file["status"] == "closed" and file["closed_by"] == "clerk"
    index = file["index"]
    assert index["verification_code"]
    held = file["documents"]
    assert held[:-1] == before and held[-1]["role"] == "index"
    assert held[-1]["document_id"] == index["document_id"]
    assert file["history"][-1]["kind"] == "closed"

    pdf = client.get(file_path(number, f"/documents/{held[-1]['position']}/content"),
                     headers=clerk).data
    assert documents.check_pdfa(pdf).conforms
    with app.app_context():
        report = documents.validate_pdf(pdf)
    seal = report.signatures[0]
    assert seal.valid and seal.trusted and seal.intact
    text = _compact(pdf_text(pdf))
    assert number in text
    for document in before:
        assert document["sha256"] in text


def test_a_closed_file_refuses_documents_annotations_and_movements(
    client: FlaskClient, token_for: Headers,
) -> None:
    sent = send_application(client, token_for)
    number = sent["file"]["number"]
    clerk = token_for("clerk")
    assert client.post(file_path(number, "/closure"), headers=clerk).status_code == 200
    frozen = client.get(file_path(number), headers=clerk).get_json()

    attempts = [
        ("/annotations", {"text": "Too late"}),
        ("/documents", {"document_id": sent["receipt"]["document_id"]}),
        ("/movements", {"action": "send", "unit": "HAC", "reason": "Report"}),
        ("/movements", {"action": "return", "reason": "Back"}),
        ("/closure", None),
    ]
    for suffix, body in attempts:
        refused = client.post(file_path(number, suffix), headers=clerk, json=body)
        assert refused.status_code == 409, (suffix, refused.get_json())
        assert refused.get_json()["code"] == "files.closed"
    assert client.get(file_path(number), headers=clerk).get_json() == frozen


def test_when_sealing_fails_the_file_stays_open_and_unchanged(
    client: FlaskClient, token_for: Headers, monkeypatch: pytest.MonkeyPatch,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    clerk = token_for("clerk")
    before = client.get(file_path(number), headers=clerk).get_json()

    def unavailable(**_: object) -> None:
        raise documents.TimestampUnavailable("the TSA does not answer")

    monkeypatch.setattr(documents, "prepare_document", unavailable)
    refused = client.post(file_path(number, "/closure"), headers=clerk)
    assert refused.status_code == 503
    assert refused.get_json()["code"] == "documents.timestamp_unavailable"
    assert client.get(file_path(number), headers=clerk).get_json() == before


def test_a_document_added_while_the_index_is_sealed_stops_the_closure(
    client: FlaskClient, token_for: Headers, monkeypatch: pytest.MonkeyPatch,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    clerk = token_for("clerk")
    before = len(client.get(file_path(number), headers=clerk).get_json()["documents"])
    real_prepare = documents.prepare_document

    def prepare_while_a_report_arrives(**kwargs: object) -> object:
        prepared = real_prepare(**kwargs)  # type: ignore[arg-type]
        with unit_of_work() as db:
            report = documents.register_document(
                db, chunks=[tiny_pdf("report")], media_type="application/pdf",
                title="Report", language="en", unit_code="URB", actor="clerk")
            found = db.scalar(select(AdministrativeFile).where(
                AdministrativeFile.number == number).with_for_update())
            assert found is not None
            files.add_document(db, found, files.DocumentRef(report.id), actor="clerk")
        return prepared

    monkeypatch.setattr(documents, "prepare_document", prepare_while_a_report_arrives)
    refused = client.post(file_path(number, "/closure"), headers=clerk)
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "files.changed_while_closing"
    file = client.get(file_path(number), headers=clerk).get_json()
    assert file["status"] == "open" and file["index"] is None
    assert len(file["documents"]) == before + 1
