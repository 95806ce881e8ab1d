"""Seals made one after another reuse the revocation data fetched for the first one for a
short while, and each still validates long term; stale data is never reused."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore

from eoffice import documents
from eoffice.documents.runtime import DocumentsRuntime
from eoffice.documents.signing import revocation
from eoffice.documents.signing.keys import load_signer
from eoffice.documents.signing.pades import SignatureRequest, sign_pdf_bytes
from tests.unit.documents import samples


def seal(runtime: DocumentsRuntime, *, reuse_seconds: int) -> bytes:
    return sign_pdf_bytes(samples.plain_pdf(), load_signer(runtime.seal), SignatureRequest(
        documents.SignatureLevel.B_LTA, tsa_url=runtime.tsa_url,
        trust_roots=runtime.trust_roots, reuse_revocation_seconds=reuse_seconds))


def embedded_ocsp_answers(pdf: bytes) -> set[bytes]:
    dss = DocumentSecurityStore.read_dss(PdfFileReader(io.BytesIO(pdf)))
    return {answer.get_object().data for answer in dss.ocsps}


@pytest.fixture(autouse=True)
def fresh_fetchers() -> None:
    revocation.forget_fetched()


def test_consecutive_seals_share_revocation_data_and_each_validates_long_term(
        runtime: DocumentsRuntime) -> None:
    first, second = seal(runtime, reuse_seconds=60), seal(runtime, reuse_seconds=60)

    assert embedded_ocsp_answers(first) == embedded_ocsp_answers(second) != set()
    for sealed in (first, second):
        [signature, *_] = documents.validate_pdf(sealed, trust_roots=runtime.trust_roots,
                                                 at=datetime.now(UTC) + timedelta(days=3)
                                                 ).signatures
        assert signature.valid and signature.trusted and signature.revocation_checked


def test_without_reuse_every_seal_fetches_its_own_revocation_data(
        runtime: DocumentsRuntime) -> None:
    first = revocation.fetchers_for_signing(0)

    assert revocation.fetchers_for_signing(0) is not first
    assert seal(runtime, reuse_seconds=0)


def test_revocation_data_near_its_next_update_is_fetched_again(
        runtime: DocumentsRuntime, monkeypatch: pytest.MonkeyPatch) -> None:
    seal(runtime, reuse_seconds=60)
    kept = revocation.fetchers_for_signing(60)
    assert revocation.fetchers_for_signing(60) is kept
    soon = datetime.now(UTC) + timedelta(seconds=5)
    monkeypatch.setattr(revocation, "_next_updates", lambda fetchers: [soon])

    assert revocation.fetchers_for_signing(60) is not kept
