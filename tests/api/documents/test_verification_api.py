"""Public verification by code: metadata, signatures and download; unknown codes 404;
lookups are rate limited per client address."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.documents.runtime import DocumentsRuntime


def issue_receipt(db: Session, runtime: DocumentsRuntime,
                  level: documents.SignatureLevel) -> documents.IssuedDocument:
    return documents.issue_document(
        db, doc_type="receipt", title="Registration receipt", language="en",
        unit_code="URB", level=level, runtime=runtime,
        data={"registry_number": "E-2026-7", "registered_at": "2026-12-03",
              "applicant": "Ana", "subject": "General application"})


@pytest.fixture
def issued(db: Session, runtime: DocumentsRuntime) -> documents.IssuedDocument:
    """A receipt sealed B-B: quick to make, for what does not depend on the level."""
    return issue_receipt(db, runtime, documents.SignatureLevel.B_B)


@pytest.fixture
def issued_lta(db: Session, runtime: DocumentsRuntime) -> documents.IssuedDocument:
    """A receipt sealed B-LTA against the loopback TSA and OCSP, as the office issues it."""
    return issue_receipt(db, runtime, documents.SignatureLevel.B_LTA)


@pytest.fixture(autouse=True)
def fresh_rate_limits(app: Flask) -> None:
    for limiter in app.extensions["limiter"]:
        limiter.reset()


def test_verify_returns_the_documents_metadata_and_its_valid_trusted_signatures(
        client: FlaskClient, issued_lta: documents.IssuedDocument) -> None:
    response = client.get(f"/api/v1/verify/{issued_lta.verification_code}")

    assert response.status_code == 200
    body = response.get_json()
    assert body["document"]["title"] == "Registration receipt"
    assert body["document"]["sha256"] == issued_lta.sha256
    assert "Ajuntament de Prova" in body["document"]["issuer"]
    assert body["test_pki"] is True
    seal, document_timestamp = body["signatures"]
    assert seal["level"] == "B-LTA"
    assert seal["intact"] and seal["valid"] and seal["trusted"]
    assert document_timestamp["kind"] == "document_timestamp" and document_timestamp["valid"]


def test_verified_document_can_be_downloaded_by_anyone(
        client: FlaskClient, issued: documents.IssuedDocument) -> None:
    body = client.get(f"/api/v1/verify/{issued.verification_code}").get_json()

    download = client.get(body["document"]["content_url"])

    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    assert len(download.data) == issued.size


def test_code_typed_in_lowercase_without_dashes_is_found(
        client: FlaskClient, issued: documents.IssuedDocument) -> None:
    typed = issued.verification_code.replace("-", "").lower()

    assert client.get(f"/api/v1/verify/{typed}").status_code == 200


def test_unknown_code_gives_404_problem(client: FlaskClient) -> None:
    response = client.get("/api/v1/verify/0000-0000-0000-0000-0")

    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "documents.unknown_verification_code"


def test_guessing_codes_is_stopped_by_the_rate_limit(client: FlaskClient) -> None:
    statuses = [client.get(f"/api/v1/verify/guess-{n}").status_code for n in range(40)]

    assert statuses[0] == 404
    assert statuses[-1] == 429


def test_verify_page_shows_the_document_and_says_it_is_a_test_pki(
        client: FlaskClient, issued: documents.IssuedDocument) -> None:
    response = client.get(f"/verify?code={issued.verification_code}")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Registration receipt" in html
    assert "TEST certificate authority" in html
    assert issued.sha256 in html


def test_verify_page_with_an_unknown_code_says_so(client: FlaskClient) -> None:
    response = client.get("/verify?code=ABCD-EFGH-JKMN-PQRS-T")

    assert response.status_code == 404
    assert "No document has this verification code" in response.get_data(as_text=True)


def test_document_metadata_is_shown_to_clerks_of_the_issuing_unit_only(
        client: FlaskClient, issued: documents.IssuedDocument, token_for: object) -> None:
    own = client.get(f"/api/v1/documents/{issued.id}", headers=token_for("clerk"))  # type: ignore[operator]
    other = client.get(f"/api/v1/documents/{issued.id}", headers=token_for("clerk2"))  # type: ignore[operator]
    anonymous = client.get(f"/api/v1/documents/{issued.id}")

    assert own.status_code == 200 and own.get_json()["eni_type"] == "TD09"
    assert other.status_code == 404
    assert anonymous.status_code == 401


def test_document_content_streams_the_signed_pdf_to_its_unit(
        client: FlaskClient, issued: documents.IssuedDocument, token_for: object) -> None:
    response = client.get(f"/api/v1/documents/{issued.id}/content",
                          headers=token_for("clerk"))  # type: ignore[operator]

    assert response.status_code == 200
    assert response.data.startswith(b"%PDF-1.7")
    assert response.headers["ETag"] == f'"{issued.sha256}"'
