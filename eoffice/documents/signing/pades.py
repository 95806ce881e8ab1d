"""Signs a PDF in PAdES at a baseline level (B-B, B-T, B-LT, B-LTA) with pyHanko.

Signature space is reserved up front (``bytes_reserved``) so pyHanko signs once;
timestamps come from an RFC 3161 authority; B-LT embeds the revocation data fetched
from the certificates' OCSP/CRL addresses (reused for a short while: see
:mod:`.revocation`), B-LTA adds a document timestamp over it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from asn1crypto import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import SigningError
from pyhanko_certvalidator import ValidationContext

from eoffice.documents.domain import SignatureLevel
from eoffice.documents.errors import SigningFailed, TimestampUnavailable
from eoffice.documents.signing.revocation import (
    DEFAULT_REUSE_SECONDS,
    fetchers_for_signing,
    forget_fetched,
    timestamper_for,
)

RESERVED_WITHOUT_TIMESTAMP = 8_192
RESERVED_WITH_TIMESTAMP = 16_384


@dataclass(frozen=True)
class SignatureRequest:
    """What to sign with: level, field name, reason and the services the level needs."""

    level: SignatureLevel
    field_name: str = "Seal"
    reason: str | None = None
    location: str | None = None
    tsa_url: str | None = None
    trust_roots: list[x509.Certificate] = field(default_factory=list)
    reuse_revocation_seconds: int = DEFAULT_REUSE_SECONDS


def signature_metadata(request: SignatureRequest) -> signers.PdfSignatureMetadata:
    long_term = request.level in (SignatureLevel.B_LT, SignatureLevel.B_LTA)
    context = (ValidationContext(trust_roots=request.trust_roots, allow_fetching=True,
                                 fetchers=fetchers_for_signing(request.reuse_revocation_seconds))
               if long_term else None)
    return signers.PdfSignatureMetadata(
        field_name=request.field_name, md_algorithm="sha256", reason=request.reason,
        location=request.location, subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=long_term, validation_context=context,
        use_pades_lta=request.level is SignatureLevel.B_LTA,
    )


def sign_pdf_bytes(pdf: bytes, signer: signers.Signer, request: SignatureRequest) -> bytes:
    """``pdf`` signed in an incremental update; errors become the context's own. A failure
    with revocation data fetched earlier is tried once more with fresh data."""
    try:
        return _sign_once(pdf, signer, request)
    except (SigningFailed, TimestampUnavailable):
        long_term = request.level in (SignatureLevel.B_LT, SignatureLevel.B_LTA)
        if not (forget_fetched() and long_term):
            raise
    return _sign_once(pdf, signer, request)


def _sign_once(pdf: bytes, signer: signers.Signer, request: SignatureRequest) -> bytes:
    timestamper = None
    if request.level is not SignatureLevel.B_B:
        if not request.tsa_url:
            raise TimestampUnavailable("no timestamp authority is configured")
        timestamper = timestamper_for(request.tsa_url)
    reserved = RESERVED_WITH_TIMESTAMP if timestamper else RESERVED_WITHOUT_TIMESTAMP
    output = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        signers.sign_pdf(writer, signature_metadata(request), signer, timestamper=timestamper,
                         bytes_reserved=reserved, output=output)
    except timestamps.TimestampRequestError as exc:
        raise TimestampUnavailable(str(exc)) from exc
    except SigningError as exc:
        raise SigningFailed(str(exc)) from exc
    return output.getvalue()
