"""Issuing documents: a receipt rendered to PDF/A-3b, sealed B-LTA against the loopback
TSA and OCSP, recorded with its version and verification code."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pikepdf
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import ades
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.documents.models import Document
from eoffice.documents.pki.devpki import TEST_MARK
from eoffice.documents.runtime import DocumentsRuntime
from eoffice.documents.signing.keys import KeySource

RECEIPT_DATA = {
    "registry_number": "E-2026-000123", "registered_at": "2026-12-03 10:15",
    "applicant": "Ana García", "subject": "General application",
    "fields": [["Procedure", "general-application"]],
    "attachments": [{"name": "plan.pdf", "sha256": "ab" * 32}],
}


def issue_receipt(db: Session, runtime: DocumentsRuntime, **overrides: object
                  ) -> documents.IssuedDocument:
    values: dict[str, object] = {
        "doc_type": documents.DocumentType.RECEIPT, "title": "Registration receipt",
        "data": RECEIPT_DATA, "language": "en", "unit_code": "URB",
        "origin": documents.Origin.ADMINISTRATION,
        "attachments_json": {"answers.json": {"subject": "Hello", "request": "Please"}},
        "runtime": runtime,
    }
    values.update(overrides)
    return documents.issue_document(db, **values)  # type: ignore[arg-type]


def lta_validation(pdf: bytes, runtime: DocumentsRuntime) -> ades.AdESLTAValidationResult:
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=runtime.trust_roots),
        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
    )
    spec = PdfSignatureValidationSpec(SignatureValidationSpec(policy))
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_regular_signatures[0]
    return asyncio.run(ades.ades_lta_validation(signature, spec))


@pytest.fixture(scope="module")
def sealed_receipt(app: object, runtime: DocumentsRuntime) -> bytes:
    """One receipt issued once for the module (rolled back, its bytes kept)."""
    from tests.conftest import rolled_back  # noqa: PLC0415

    with rolled_back(app) as db:  # type: ignore[arg-type]
        issued = issue_receipt(db, runtime)
    return runtime.store.read_bytes(issued.sha256)


def test_sealed_receipt_passes_the_pdfa_self_check(sealed_receipt: bytes) -> None:
    report = documents.check_pdfa(sealed_receipt)

    assert report.conforms, report.problems
    assert report.claimed == "3b"


def test_sealed_receipt_is_intact_valid_and_trusted_for_pyhanko_ades_lta(
        sealed_receipt: bytes, runtime: DocumentsRuntime) -> None:
    result = lta_validation(sealed_receipt, runtime)

    assert result.ades_subindic == ades.AdESPassed.OK, result.failure_msg
    status = result.api_status
    assert status is not None
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_REVISION


def test_sealed_receipt_carries_the_answers_as_a_json_attachment(sealed_receipt: bytes) -> None:
    with pikepdf.open(io.BytesIO(sealed_receipt)) as pdf:
        attached = pdf.attachments["answers.json"].get_file()
        assert attached.mime_type == "application/json"
        assert b'"subject": "Hello"' in attached.read_bytes()


def test_receipt_is_sealed_by_the_office_with_a_certificate_marked_as_test_pki(
        sealed_receipt: bytes) -> None:
    report = documents.validate_pdf(sealed_receipt, trust_roots=[])
    seal = report.signatures[0]

    assert seal.signer is not None and TEST_MARK in seal.signer
    assert seal.test_pki
    assert seal.level == "B-LTA"
    assert not seal.trusted  # an empty trust list trusts nobody


def test_issued_document_is_recorded_with_eni_metadata_and_found_by_its_code(
        db: Session, runtime: DocumentsRuntime) -> None:
    issued = issue_receipt(db, runtime, language="ca")

    found = documents.find_by_verification_code(db, issued.verification_code.lower())
    assert found is not None and found.id == issued.id
    assert found.eni_type == "TD09" and found.elaboration_state == "EE01"
    assert found.identifier.startswith("ES_URB_")
    assert found.sha256 == issued.sha256
    assert found.current.signatures[0].level == "B-LTA"
    assert found.current.signatures[0].test_pki
    assert audit.verify_chain(db).intact


def test_content_read_back_is_exactly_the_signed_bytes(
        db: Session, runtime: DocumentsRuntime) -> None:
    issued = issue_receipt(db, runtime, level=documents.SignatureLevel.B_B)

    version, chunks = documents.open_content(db, issued.id, store=runtime.store)

    content = b"".join(chunks)
    assert len(content) == version.size == issued.size
    assert content.startswith(b"%PDF-1.7")


def test_template_missing_data_is_refused_and_nothing_is_recorded(
        db: Session, runtime: DocumentsRuntime) -> None:
    before = db.scalar(select(func.count()).select_from(Document))

    with pytest.raises(documents.TemplateFailed):
        issue_receipt(db, runtime, data={"applicant": "Ana"})

    assert db.scalar(select(func.count()).select_from(Document)) == before


def test_missing_signing_key_is_refused_and_nothing_is_recorded(
        db: Session, runtime: DocumentsRuntime, tmp_path: Path) -> None:
    broken = DocumentsRuntime(store=runtime.store, city=runtime.city,
                              verify_url=runtime.verify_url,
                              seal=KeySource(tmp_path / "missing.p12", b"x"),
                              tsa_url=runtime.tsa_url, trust_roots=runtime.trust_roots)
    before = db.scalar(select(func.count()).select_from(Document))

    with pytest.raises(documents.SigningKeyUnavailable):
        issue_receipt(db, broken)

    assert db.scalar(select(func.count()).select_from(Document)) == before


def test_resolution_is_signed_personally_by_the_head_of_unit(
        db: Session, runtime: DocumentsRuntime) -> None:
    issued = issue_receipt(db, runtime, doc_type=documents.DocumentType.RESOLUTION,
                           title="Resolution", data={"paragraphs": ["Granted."]},
                           signer="head", level=documents.SignatureLevel.B_T)

    view = documents.get_document(db, issued.id)
    assert view.current.signatures[0].kind == "personal"
    assert "Head of urban planning" in view.current.signatures[0].signer


def test_document_prepared_outside_the_transaction_is_recorded_inside_it(
        db: Session, runtime: DocumentsRuntime) -> None:
    prepared = documents.prepare_document(
        doc_type="notification", title="Notification", data={"paragraphs": ["Notified."]},
        language="es", unit_code="URB", unit_name="Urbanismo",
        level=documents.SignatureLevel.B_T, runtime=runtime)

    issued = documents.record_document(db, prepared, actor="clerk")

    found = documents.find_by_verification_code(db, issued.verification_code)
    assert found is not None and found.eni_type == "TD07"
    assert runtime.store.exists(issued.sha256)
