"""Signing benchmark: documents rendered and sealed per second, eoffice's signing
overhead against bare pyHanko on the same PDF (goal: at most 1.2x), and the B-LTA rate.

Runs against the development PKI with its TSA/OCSP on loopback, in a scratch folder:

    .venv/bin/python bench/signing.py [--rounds N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from eoffice.documents.domain import DocumentType, SignatureLevel
from eoffice.documents.pki.sandbox import sandbox_runtime
from eoffice.documents.rendering.render import Letterhead, html_to_pdfa, render_html
from eoffice.documents.runtime import DocumentsRuntime
from eoffice.documents.services.produce import DocumentRequest, produce_document
from eoffice.documents.signing.keys import load_signer
from eoffice.documents.signing.pades import (
    RESERVED_WITHOUT_TIMESTAMP,
    SignatureRequest,
    sign_pdf_bytes,
)

RECEIPT = {"registry_number": "E-2026-000001", "registered_at": "2026-12-03 10:00",
           "applicant": "Ana García", "subject": "General application"}


def _timed(action: Callable[[], object], rounds: int) -> list[float]:
    action()  # warm-up: imports, fonts, caches
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _sample_pdf(runtime: DocumentsRuntime) -> bytes:
    letterhead = Letterhead(runtime.city, "Urbanisme", runtime.verify_url, test_pki=True)
    html = render_html(doc_type=DocumentType.RECEIPT, language="en", title="Receipt",
                       data=RECEIPT, code="0A1B2C3D4E5F6G7HX", identifier="ES_URB_2026_X",
                       issued_at=datetime.now(UTC), letterhead=letterhead)
    return bytes(html_to_pdfa(html))


def _request(level: SignatureLevel) -> DocumentRequest:
    return DocumentRequest(doc_type=DocumentType.RECEIPT, language="en", title="Receipt",
                           data=RECEIPT, unit_code="URB", unit_name="Urbanisme",
                           attachments_json={"answers.json": {"subject": "x"}}, level=level)


def bare_pyhanko(pdf: bytes, signer: signers.Signer, *,
                 bytes_reserved: int | None = None) -> bytes:
    """What a caller of pyHanko writes without eoffice: same key, same PAdES B-B."""
    output = io.BytesIO()
    meta = signers.PdfSignatureMetadata(field_name="Seal",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer, output=output,
                     bytes_reserved=bytes_reserved)
    return output.getvalue()


def report(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{name:<44} median {median * 1000:8.1f} ms   {1 / median:7.1f} /s")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    runtime = sandbox_runtime()
    pdf = _sample_pdf(runtime)
    signer = load_signer(runtime.seal)
    # what pyHanko gives: parses the key again for every signature
    plain = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
        str(runtime.seal.pkcs12_path), passphrase=runtime.seal.passphrase)
    at = datetime.now(UTC)

    bare = report("bare pyHanko sign (B-B, same PDF)",
                  _timed(lambda: bare_pyhanko(pdf, plain), rounds))
    tuned = report("bare pyHanko sign, bytes_reserved (B-B)", _timed(
        lambda: bare_pyhanko(pdf, plain, bytes_reserved=RESERVED_WITHOUT_TIMESTAMP), rounds))
    ours = report("eoffice sign (B-B, same PDF)", _timed(lambda: sign_pdf_bytes(
        pdf, load_signer(runtime.seal), SignatureRequest(SignatureLevel.B_B)), rounds))
    print(f"{'eoffice / bare pyHanko':<44} {ours / bare:8.2f}x (goal <= 1.2x)")
    print(f"{'eoffice / bare pyHanko with bytes_reserved':<44} {ours / tuned:8.2f}x")
    report("render + attach + check + seal B-B", _timed(
        lambda: produce_document(_request(SignatureLevel.B_B), runtime, issued_at=at), rounds))
    report("render + attach + check + seal B-T", _timed(
        lambda: produce_document(_request(SignatureLevel.B_T), runtime, issued_at=at), rounds))
    report("render + attach + check + seal B-LTA", _timed(
        lambda: produce_document(_request(SignatureLevel.B_LTA), runtime, issued_at=at),
        max(3, rounds // 4)))
    report("seal B-LTA only (same PDF)", _timed(lambda: sign_pdf_bytes(
        pdf, signer, SignatureRequest(SignatureLevel.B_LTA, tsa_url=runtime.tsa_url,
                                      trust_roots=runtime.trust_roots)), max(3, rounds // 4)))
    report("seal B-LTA only, revocation fetched anew", _timed(lambda: sign_pdf_bytes(
        pdf, signer, SignatureRequest(SignatureLevel.B_LTA, tsa_url=runtime.tsa_url,
                                      trust_roots=runtime.trust_roots,
                                      reuse_revocation_seconds=0)), max(3, rounds // 4)))


if __name__ == "__main__":
    main()
