"""Renewal of the document timestamps of signed PDFs (PAdES B-LTA), for documents kept
for decades: before the newest timestamp's certificate (or its algorithms) grow weak, a
new document timestamp is added over everything, with the revocation data of the
previous one in the DSS.

pyHanko's ``PdfTimeStamper.update_archival_timestamp_chain`` validates the last document
timestamp (fetching its revocation data), adds that data to the DSS and a new document
timestamp, all in an incremental update: the signed revisions stay byte for byte, so
validation still finds every signature intact, with changes limited to long-term
validation data (``lta_updates``). The result is a new version of the document.

The timestamp authority is asked outside any transaction; the version is recorded in a
short one afterwards.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import timestamps
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.documents.errors import SigningFailed, TimestampUnavailable, UnreadablePdf
from eoffice.documents.models import Document, DocumentSignature, DocumentVersion
from eoffice.documents.runtime import DocumentsRuntime, current_runtime
from eoffice.documents.services.read import get_document
from eoffice.documents.services.store import add_version
from eoffice.documents.signing.revocation import fetchers_for_signing, timestamper_for
from eoffice.shared.db import current_database
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l

PDF = "application/pdf"
RENEWAL_FIELD = "ArchiveTimestamp"


class RenewalConflict(DomainError):
    code = "documents.renewal_conflict"
    status = 409
    title = _l("The document changed while its timestamp was being renewed; try again.")


@dataclass(frozen=True)
class VersionFacts:
    """What the archive needs to decide whether a document's timestamp is due."""

    number: int
    created_at: datetime
    media_type: str
    signed: bool


def version_facts(session: Session, document_ids: Iterable[str]) -> dict[str, VersionFacts]:
    """The current version of each document (unknown ids are left out) and whether the
    document was signed or sealed here (a signature recorded on any of its versions)."""
    ids = list(dict.fromkeys(document_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Document.id, DocumentVersion.number, DocumentVersion.created_at,
               DocumentVersion.media_type)
        .join(DocumentVersion, (DocumentVersion.document_id == Document.id)
              & (DocumentVersion.number == Document.current_version))
        .where(Document.id.in_(ids))).all()
    signed = set(session.scalars(
        select(DocumentVersion.document_id).join(
            DocumentSignature, DocumentSignature.version_id == DocumentVersion.id)
        .where(DocumentVersion.document_id.in_(ids))
        .group_by(DocumentVersion.document_id).having(func.count() > 0)))
    return {row.id: VersionFacts(row.number, row.created_at, row.media_type, row.id in signed)
            for row in rows}


def add_archival_timestamp(pdf: bytes, runtime: DocumentsRuntime) -> bytes | None:
    """``pdf`` with a new document timestamp and the DSS updated, or None when it holds no
    signature (nothing to keep valid)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        if reader.encrypted or not reader.embedded_signatures:
            return None
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise UnreadablePdf(f"the PDF cannot be read: {type(exc).__name__}") from exc
    if not runtime.tsa_url:
        raise TimestampUnavailable("no timestamp authority is configured")
    stamper = PdfTimeStamper(timestamper_for(runtime.tsa_url), field_name=_field_name(reader))
    context = ValidationContext(
        trust_roots=runtime.trust_roots, allow_fetching=True,
        fetchers=fetchers_for_signing(runtime.revocation_reuse_seconds))
    output = io.BytesIO()
    try:
        asyncio.run(stamper.async_update_archival_timestamp_chain(
            reader, context, in_place=False, output=output))
    except timestamps.TimestampRequestError as exc:
        raise TimestampUnavailable(str(exc)) from exc
    except (SigningError, PathBuildingError, PathValidationError) as exc:
        raise SigningFailed(str(exc)) from exc
    return output.getvalue()


def _field_name(reader: PdfFileReader) -> str:
    taken = {str(sig.field_name) for sig in reader.embedded_signatures}
    number = 1
    while f"{RENEWAL_FIELD}{number}" in taken:
        number += 1
    return f"{RENEWAL_FIELD}{number}"


def renew_timestamp(document_id: str, *, actor: str,
                    runtime: DocumentsRuntime | None = None) -> int | None:
    """Add a new document timestamp to the current version of a signed PDF and keep the
    result as a new version; its number, or None for content that is not a signed PDF.

    Runs its own transactions (read, then record); the TSA is asked between them.
    Raises UnknownDocument, TimestampUnavailable, SigningFailed, BlobCorrupted,
    RenewalConflict (a version was added meanwhile)."""
    runtime = runtime or current_runtime()
    database = current_database()
    with database.reader() as session:
        current = get_document(session, document_id).current
    if current.media_type != PDF:
        return None
    renewed = add_archival_timestamp(runtime.store.read_bytes(current.sha256), runtime)
    if renewed is None:
        return None
    with database.unit_of_work() as session:
        document = session.get(Document, document_id, with_for_update=True)
        if document is None or document.current_version != current.number:
            raise RenewalConflict()
        version = add_version(session, document_id, chunks=[renewed], media_type=PDF,
                              actor=actor, store=runtime.store)
        audit.record_event(session, "documents.timestamp_renewed", actor=actor,
                           object_type="document", object_id=document_id,
                           unit_code=document.unit_code,
                           data={"version": version.number, "sha256": version.sha256,
                                 "previous_sha256": current.sha256})
    return version.number
