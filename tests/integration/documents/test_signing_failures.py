"""When signing cannot be done properly (no timestamp authority, an expired certificate)
the caller gets a clear error and nothing is recorded."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.documents.models import Document
from eoffice.documents.pki.services import free_loopback_port
from eoffice.documents.runtime import DocumentsRuntime
from eoffice.documents.signing.keys import KeySource, check_certificate_dates, load_signer
from tests.unit.documents import samples


def count_documents(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Document)) or 0


def issue(db: Session, runtime: DocumentsRuntime, level: documents.SignatureLevel) -> None:
    documents.issue_document(
        db, doc_type="notification", title="Notification", language="en", unit_code="URB",
        data={"paragraphs": ["You are notified."]}, level=level, runtime=runtime)


def test_timestamp_authority_not_answering_is_a_clear_error_and_records_nothing(
        db: Session, runtime: DocumentsRuntime) -> None:
    silent = dataclasses.replace(runtime,
                                 tsa_url=f"http://127.0.0.1:{free_loopback_port()}/tsa")
    before = count_documents(db)

    with pytest.raises(documents.TimestampUnavailable):
        issue(db, silent, documents.SignatureLevel.B_T)

    assert count_documents(db) == before


def test_timestamped_level_without_a_configured_authority_is_refused(
        db: Session, runtime: DocumentsRuntime) -> None:
    with pytest.raises(documents.TimestampUnavailable):
        issue(db, dataclasses.replace(runtime, tsa_url=None), documents.SignatureLevel.B_LTA)


def test_certificate_past_its_validity_cannot_sign(runtime: DocumentsRuntime) -> None:
    signer = load_signer(runtime.seal)

    with pytest.raises(documents.CertificateExpired):
        check_certificate_dates(signer, at=datetime.now(UTC) + timedelta(days=365 * 11))


def test_unknown_official_has_no_key(db: Session, runtime: DocumentsRuntime) -> None:
    with pytest.raises(documents.SigningKeyUnavailable):
        documents.issue_document(
            db, doc_type="resolution", title="Resolution", language="en", unit_code="URB",
            data={}, signer="nobody", runtime=runtime)


def test_expired_seal_certificate_is_refused_and_records_nothing(
        db: Session, runtime: DocumentsRuntime, tmp_path: Path) -> None:
    expired = tmp_path / "expired.p12"
    expired.write_bytes(samples.expired_pkcs12(b"pass"))
    stale = dataclasses.replace(runtime, seal=KeySource(expired, b"pass"))
    before = count_documents(db)

    with pytest.raises(documents.CertificateExpired):
        issue(db, stale, documents.SignatureLevel.B_B)

    assert count_documents(db) == before
