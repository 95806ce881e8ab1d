"""Long-term signatures stay valid long after their revocation data was collected;
signatures without a timestamp are judged at the time of validation; damaged files get a
report or a clear error, never a crash."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from eoffice import documents
from eoffice.documents.runtime import DocumentsRuntime
from tests.conftest import rolled_back


def sealed_at(app: Flask, runtime: DocumentsRuntime, level: documents.SignatureLevel) -> bytes:
    with rolled_back(app) as db:
        issued = documents.issue_document(
            db, doc_type="certificate", title="Certificate", language="ca", unit_code="URB",
            data={"paragraphs": ["Certifies."]}, level=level, runtime=runtime)
    return runtime.store.read_bytes(issued.sha256)


@pytest.fixture(scope="module")
def long_term(app: Flask, runtime: DocumentsRuntime) -> bytes:
    return sealed_at(app, runtime, documents.SignatureLevel.B_LT)


@pytest.fixture(scope="module")
def basic(app: Flask, runtime: DocumentsRuntime) -> bytes:
    return sealed_at(app, runtime, documents.SignatureLevel.B_B)


def test_b_lt_seal_is_still_valid_and_trusted_days_after_its_ocsp_answer_went_stale(
        long_term: bytes, runtime: DocumentsRuntime) -> None:
    later = datetime.now(UTC) + timedelta(days=3)

    [seal] = documents.validate_pdf(long_term, trust_roots=runtime.trust_roots,
                                    at=later).signatures

    assert seal.valid and seal.trusted and seal.revocation_checked
    assert seal.level == "B-LT"


def test_untimestamped_seal_is_not_trusted_once_its_certificate_has_expired(
        basic: bytes, runtime: DocumentsRuntime) -> None:
    after_expiry = datetime.now(UTC) + timedelta(days=365 * 11)

    now = documents.validate_pdf(basic, trust_roots=runtime.trust_roots).signatures[0]
    then = documents.validate_pdf(basic, trust_roots=runtime.trust_roots,
                                  at=after_expiry).signatures[0]

    assert now.valid and now.level == "B-B"
    assert not then.trusted and not then.valid


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8, 0.97])
def test_truncated_signed_pdf_gets_a_report_or_a_clear_error(
        long_term: bytes, runtime: DocumentsRuntime, fraction: float) -> None:
    cut = long_term[:int(len(long_term) * fraction)]

    try:
        report = documents.validate_pdf(cut, trust_roots=runtime.trust_roots)
    except documents.UnreadablePdf:
        return
    assert not any(signature.valid for signature in report.signatures)
