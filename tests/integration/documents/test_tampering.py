"""A document altered after it was sealed is never reported as valid."""

from __future__ import annotations

import pytest
from flask import Flask

from eoffice import documents
from eoffice.documents.runtime import DocumentsRuntime
from tests.conftest import rolled_back
from tests.integration.documents.helpers import (
    append_page,
    flip_byte_in_signed_range,
    replace_first_page_text,
)


@pytest.fixture(scope="module")
def sealed(app: Flask, runtime: DocumentsRuntime) -> bytes:
    with rolled_back(app) as db:
        issued = documents.issue_document(
            db, doc_type="receipt", title="Receipt", language="es", unit_code="URB",
            data={"registry_number": "E-1", "registered_at": "today", "applicant": "Ana",
                  "subject": "Licence"}, level=documents.SignatureLevel.B_T, runtime=runtime)
    return runtime.store.read_bytes(issued.sha256)


def validate(pdf: bytes, runtime: DocumentsRuntime) -> documents.SignatureReport:
    return documents.validate_pdf(pdf, trust_roots=runtime.trust_roots).signatures[0]


def test_untouched_sealed_document_is_reported_valid(sealed: bytes,
                                                     runtime: DocumentsRuntime) -> None:
    report = validate(sealed, runtime)

    assert report.valid and report.intact and report.trusted
    assert report.covers_whole_document
    assert report.level == "B-T"
    assert report.modifications == "none"


def test_one_flipped_byte_makes_the_signature_not_intact(sealed: bytes,
                                                        runtime: DocumentsRuntime) -> None:
    report = validate(flip_byte_in_signed_range(sealed), runtime)

    assert not report.intact
    assert not report.valid


def test_page_appended_after_signing_is_reported_as_modified(
        sealed: bytes, runtime: DocumentsRuntime) -> None:
    report = validate(append_page(sealed), runtime)

    assert report.intact  # the signed bytes are still there…
    assert not report.covers_whole_document
    assert report.modifications not in ("none", "lta_updates")
    assert not report.valid  # …but the document is not the one that was signed


def test_signed_text_changed_in_an_incremental_update_is_reported_as_modified(
        sealed: bytes, runtime: DocumentsRuntime) -> None:
    report = validate(replace_first_page_text(sealed), runtime)

    assert not report.covers_whole_document
    assert report.modifications == "other"
    assert not report.valid


def test_bytes_appended_after_the_last_revision_make_the_signature_not_valid(
        sealed: bytes, runtime: DocumentsRuntime) -> None:
    report = validate(sealed + b"\nBT (Pay to account 666) Tj ET\n", runtime)

    assert not report.valid
    assert not report.covers_whole_document
