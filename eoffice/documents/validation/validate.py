"""Validates every signature of a PDF with pyHanko, offline, against the trust list.

Revocation data comes only from the document itself (its DSS, B-LT and above): the
validator never fetches URLs found in an uploaded file. pyHanko's difference analysis
says what changed after each signature; anything beyond long-term validation updates
makes the signature not valid, whatever its cryptography says.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import logging
import zlib
from datetime import UTC, datetime
from typing import Any

from asn1crypto import x509
from pyhanko.pdf_utils.decode_limits import DecodeLimits
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError, SignatureValidationError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import (
    DocumentTimestampStatus,
    PdfSignatureStatus,
    SignatureCoverageLevel,
)
from pyhanko_certvalidator import ValidationContext

from eoffice.documents.errors import EncryptedPdf, UnreadablePdf
from eoffice.documents.pki.devpki import TEST_MARK
from eoffice.documents.validation.report import SignatureReport, ValidationReport
from eoffice.documents.validation.timing import DOC_TIMESTAMP, timestamp_time

log = logging.getLogger(__name__)
ACCEPTED_CHANGES = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
# A signature followed by another one (a circuit: head, then mayor) sees the later signing
# as form filling; that, and only that, is accepted when a later signature exists.
COUNTERSIGNED_CHANGES = (*ACCEPTED_CHANGES, ModificationLevel.FORM_FILLING)
# What a damaged file raises inside pyHanko (found by fuzzing truncated and altered PDFs).
BROKEN_PDF = (PdfError, ValueError, KeyError, IndexError, TypeError, AttributeError,
              zlib.error, RecursionError)
BROKEN_SIGNATURE = (SignatureValidationError, *BROKEN_PDF)


def open_reader(data: bytes, *, decode_limits: DecodeLimits | None = None) -> PdfFileReader:
    """A pyHanko reader of ``data`` (pyHanko's limits for untrusted input unless
    ``decode_limits``); UnreadablePdf or EncryptedPdf when it cannot be."""
    if b"%PDF-" not in data[:1024]:
        raise UnreadablePdf("the file does not start like a PDF")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False, decode_limits=decode_limits)
        encrypted = reader.encrypted
        _ = reader.root
    except BROKEN_PDF as exc:
        raise UnreadablePdf(f"the PDF cannot be read: {type(exc).__name__}") from exc
    if encrypted:
        raise EncryptedPdf()
    return reader


def _read_dss(reader: PdfFileReader) -> DocumentSecurityStore | None:
    try:
        return DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return None


def _context(dss: DocumentSecurityStore | None, trust_roots: list[x509.Certificate],
             moment: datetime) -> ValidationContext:
    """Offline validation at ``moment`` with the document's own revocation data."""
    options: dict[str, Any] = {"trust_roots": trust_roots, "allow_fetching": False,
                               "revocation_mode": "soft-fail", "moment": moment}
    if dss is None:
        return ValidationContext(**options)
    return dss.as_validation_context(options)


def _level(status: PdfSignatureStatus, *, dss: bool, later_doc_ts: bool) -> str:
    if status.timestamp_validity is None:
        return "B-B"
    if not dss:
        return "B-T"
    return "B-LTA" if later_doc_ts else "B-LT"


def _signer_name(sig: EmbeddedPdfSignature) -> str | None:
    try:
        subject = sig.signer_cert.subject
    except (KeyError, ValueError, AttributeError):
        return None
    common_name = subject.native.get("common_name")
    return str(common_name) if common_name else str(subject.human_friendly)


def _signer_id(sig: EmbeddedPdfSignature) -> str | None:
    try:
        serial = sig.signer_cert.subject.native.get("serial_number")
    except (KeyError, ValueError, AttributeError):
        return None
    return str(serial) if serial else None


Status = PdfSignatureStatus | DocumentTimestampStatus


def _report(sig: EmbeddedPdfSignature, status: Status, *, level: str | None,
            dss: bool, countersigned: bool = False) -> SignatureReport:
    changes = status.modification_level or ModificationLevel.OTHER
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    accepted = COUNTERSIGNED_CHANGES if countersigned else ACCEPTED_CHANGES
    unchanged = changes in accepted and status.docmdp_ok is not False
    signer = _signer_name(sig)
    valid = bool(status.intact and status.valid and status.trusted and not status.revoked
                 and unchanged and status.coverage is not None
                 and status.coverage >= SignatureCoverageLevel.ENTIRE_REVISION)
    problems = [] if valid else [status.summary()]
    signed_at = _signed_at(status)
    return SignatureReport(
        field=str(sig.field_name),
        kind="document_timestamp" if level is None else "signature", signer=signer,
        signed_at=signed_at, level=level,
        intact=bool(status.intact), cryptographically_valid=bool(status.valid),
        trusted=bool(status.trusted), revoked=bool(status.revoked),
        revocation_checked=dss and bool(status.trusted), covers_whole_document=whole,
        modifications=changes.name.lower(), valid=valid,
        test_pki=bool(signer and TEST_MARK in signer), problems=problems,
        signer_id=_signer_id(sig),
    )


def _signed_at(status: Status) -> datetime | None:
    if isinstance(status, DocumentTimestampStatus):
        stamped: datetime = status.timestamp
        return stamped
    if status.timestamp_validity is not None:
        moment: datetime = status.timestamp_validity.timestamp
        return moment
    return status.signer_reported_dt


def _broken(sig: EmbeddedPdfSignature, reason: str) -> SignatureReport:
    return SignatureReport(
        field=str(sig.field_name), kind="signature", signer=_signer_name(sig), signed_at=None,
        level=None, intact=False, cryptographically_valid=False, trusted=False,
        revoked=False, revocation_checked=False, covers_whole_document=False,
        modifications="unknown", valid=False, test_pki=False, problems=[reason],
    )


async def _validate_one(sig: EmbeddedPdfSignature, *, dss: DocumentSecurityStore | None,
                        trust_roots: list[x509.Certificate], now: datetime,
                        later_doc_ts: bool, later_signature: bool = False) -> SignatureReport:
    """Validate at the signature's timestamp when it has one, else at ``now``."""
    context = _context(dss, trust_roots, timestamp_time(sig) or now)
    if sig.sig_object_type == DOC_TIMESTAMP:
        stamp = await async_validate_pdf_timestamp(sig, context)
        return _report(sig, stamp, level=None, dss=dss is not None)
    status = await async_validate_pdf_signature(
        sig, signer_validation_context=context, ts_validation_context=context)
    level = _level(status, dss=dss is not None, later_doc_ts=later_doc_ts)
    return _report(sig, status, level=level, dss=dss is not None,
                   countersigned=later_signature)


async def _validate_all(reader: PdfFileReader, trust_roots: list[x509.Certificate],
                        now: datetime) -> list[SignatureReport]:
    signatures = list(reader.embedded_signatures)
    dss = _read_dss(reader)
    reports = []
    for sig in signatures:
        later_ts = any(other.sig_object_type == DOC_TIMESTAMP
                       and other.signed_revision > sig.signed_revision for other in signatures)
        later_sig = any(other.sig_object_type != DOC_TIMESTAMP
                        and other.signed_revision > sig.signed_revision for other in signatures)
        try:
            reports.append(await _validate_one(sig, dss=dss, trust_roots=trust_roots,
                                               now=now, later_doc_ts=later_ts,
                                               later_signature=later_sig))
        except BROKEN_SIGNATURE as exc:
            log.info("signature %s cannot be validated: %r", sig.field_name, exc)
            reports.append(_broken(sig, f"the signature cannot be validated: {exc}"))
    return reports


def _unsigned_fields(reader: PdfFileReader) -> list[str]:
    form = reader.root.get("/AcroForm")
    if form is None:
        return []
    names = []
    for ref in form.get_object().get("/Fields") or []:
        field = ref.get_object()
        if field.get("/FT") == "/Sig" and field.get("/V") is None:
            names.append(str(field.get("/T", "")))
    return names


def validate_pdf(data: bytes, *, trust_roots: list[x509.Certificate],
                 at: datetime | None = None) -> ValidationReport:
    """The report of every signature in ``data`` (UnreadablePdf, EncryptedPdf otherwise).

    ``at`` is the time of validation (now by default) for signatures without a
    timestamp; timestamped ones are validated at their timestamp's time.
    """
    reader = open_reader(data)
    try:
        signatures = asyncio.run(_validate_all(reader, trust_roots, at or datetime.now(UTC)))
        unsigned = _unsigned_fields(reader)
    except BROKEN_PDF as exc:
        raise UnreadablePdf(f"the PDF structure is broken: {type(exc).__name__}") from exc
    if _has_trailing_bytes(data):
        signatures = [dataclasses.replace(
            report, valid=False, covers_whole_document=False,
            problems=[*report.problems, TRAILING_BYTES]) for report in signatures]
    return ValidationReport(signatures=signatures, unsigned_fields=unsigned)


TRAILING_BYTES = "the file has bytes after its last revision that no signature covers"


def _has_trailing_bytes(data: bytes) -> bool:
    """Whether something follows the last ``%%EOF`` (a truncated or padded file): pyHanko
    reads the revisions before it and would not see what was added."""
    end = data.rfind(b"%%EOF")
    return end >= 0 and bool(data[end + len(b"%%EOF"):].strip())
