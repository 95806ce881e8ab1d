"""Public validation of any PDF: a report per signature, or a clear problem for files
that are not readable PDFs."""

from __future__ import annotations

import io

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from eoffice import documents
from eoffice.documents.runtime import DocumentsRuntime
from tests.unit.documents import samples


def post_pdf(client: FlaskClient, data: bytes, path: str = "/api/v1/signatures/validate",
             **kwargs: object) -> TestResponse:
    return client.post(path, data={"file": (io.BytesIO(data), "upload.pdf")},
                       content_type="multipart/form-data", **kwargs)  # type: ignore[arg-type]


def test_sealed_document_is_reported_valid_with_its_level_and_signer(
        client: FlaskClient, db: Session, runtime: DocumentsRuntime) -> None:
    issued = documents.issue_document(
        db, doc_type="certificate", title="Certificate", language="es", unit_code="URB",
        data={"paragraphs": ["Certifies."]}, level=documents.SignatureLevel.B_LT,
        runtime=runtime)

    response = post_pdf(client, runtime.store.read_bytes(issued.sha256))

    assert response.status_code == 200
    [seal] = response.get_json()["signatures"]
    assert seal["valid"] and seal["intact"] and seal["trusted"]
    assert seal["level"] == "B-LT"
    assert seal["revocation_checked"] is True
    assert "Electronic seal" in seal["signer"]


def test_pdf_without_signatures_gives_an_empty_list(client: FlaskClient,
                                                    runtime: DocumentsRuntime) -> None:
    response = post_pdf(client, samples.plain_pdf())

    assert response.status_code == 200
    assert response.get_json() == {"signatures": [], "unsigned_fields": []}


def test_signature_field_without_a_signature_is_named_not_counted(
        client: FlaskClient, runtime: DocumentsRuntime) -> None:
    response = post_pdf(client, samples.pdf_with_empty_signature_field())

    assert response.get_json() == {"signatures": [], "unsigned_fields": ["Approval"]}


@pytest.mark.parametrize(("content", "code"), [
    (b"GIF89a not a pdf", "documents.unreadable_pdf"),
    (samples.plain_pdf()[:40], "documents.unreadable_pdf"),
    (samples.encrypted_pdf(), "documents.encrypted_pdf"),
], ids=["not-a-pdf", "truncated", "encrypted"])
def test_files_that_are_not_readable_pdfs_get_a_422_problem(
        client: FlaskClient, runtime: DocumentsRuntime, content: bytes, code: str) -> None:
    response = post_pdf(client, content)

    assert response.status_code == 422
    assert response.get_json()["code"] == code


def test_request_without_a_file_is_refused(client: FlaskClient,
                                           runtime: DocumentsRuntime) -> None:
    response = client.post("/api/v1/signatures/validate", data={},
                           content_type="multipart/form-data")

    assert response.status_code == 422


def test_pdfa_self_check_of_an_upload_lists_what_breaks_pdfa(
        client: FlaskClient, token_for: object) -> None:
    response = post_pdf(client, samples.pdf_with_javascript(),
                        path="/api/v1/documents/pdfa-check",
                        headers=token_for("clerk"))  # type: ignore[operator]

    body = response.get_json()
    assert response.status_code == 200
    assert body["conforms"] is False
    codes = {problem["code"] for problem in body["problems"]}
    assert {"javascript", "font_not_embedded", "output_intent"} <= codes


def test_pdf_larger_than_allowed_gets_a_413_problem(
        client: FlaskClient, runtime: DocumentsRuntime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime, "max_pdf_bytes", 1000)

    response = post_pdf(client, samples.plain_pdf() + b"%" * 2000)

    assert response.status_code == 413
    assert response.get_json()["code"] == "documents.too_large"


def test_pdf_with_javascript_is_validated_not_run(client: FlaskClient,
                                                  runtime: DocumentsRuntime) -> None:
    response = post_pdf(client, samples.pdf_with_javascript())

    assert response.status_code == 200
    assert response.get_json()["signatures"] == []
