"""Data portability: everything the administration holds about a citizen, as one ZIP —
``index.json`` (schema version, who, when; her submissions with answers and status, files,
notifications with their events, payments, powers, consents, contact details, and every
document with its SHA-256 and its path inside the ZIP) and the documents' content.

Only her own things: what is addressed to people she represents is theirs to export. The
ZIP is written to a temporary file (spooled to disk past a few megabytes) so a big folder
never sits whole in memory; each document is checked as it streams (its digest must be
the stored one)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from sqlalchemy.orm import Session

from eoffice import documents, payments
from eoffice.folder import consents, holdings, sources
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow

SCHEMA_VERSION = "1"
SPOOL_BYTES = 8 * 1024 * 1024
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg",
              "text/plain": ".txt", "application/xml": ".xml", "application/json": ".json"}
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class ExportUnavailable(LookupError):
    """The account has no person behind it: nothing to export."""


def _plain(value: Any) -> Any:
    """JSON form of read models: dataclasses, dates, decimals, enums, tuples."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class OwnData:
    """The citizen's own things, as the export lists them."""

    person: Any
    submissions: list[Any]
    files: list[Any]
    notifications: list[Any]
    payments: list[payments.PaymentView]
    powers: list[Any]


def own_data(session: Session, principal: Principal, locale: str) -> OwnData:
    """Her submissions, files where she is a party, notifications addressed to her, her
    payments and the powers she granted or holds (not her grantors' things)."""
    person = sources.person_of(session, principal)
    if person is None:
        raise ExportUnavailable()
    own = person.id_number.upper()
    return OwnData(
        person,
        sources.submissions_of(session, principal, locale),
        [f for f in sources.files_of(session, principal) if f.party_id_number == own],
        [n for n in sources.notifications_of(session, principal)
         if n.addressee_id_number.upper() == own],
        sources.payments_of(session, person.person_id),
        holdings.own_powers(session, principal))


def _path(doc: holdings.FolderDocument) -> str:
    name = UNSAFE.sub("-", doc.title).strip("-.")[:60] or doc.kind
    extension = EXTENSIONS.get(doc.media_type, ".bin")
    if name.lower().endswith(extension):
        name = name[: -len(extension)]
    return f"documents/{doc.kind}/{doc.document_id}-{name}{extension}"


def _write_document(archive: zipfile.ZipFile, session: Session,
                    doc: holdings.FolderDocument, path: str) -> dict[str, Any]:
    digest = hashlib.sha256()
    _version, chunks = documents.open_content(session, doc.document_id)
    with archive.open(path, "w", force_zip64=True) as out:
        for chunk in chunks:
            digest.update(chunk)
            out.write(chunk)
    shown: dict[str, Any] = _plain(doc)
    return {**shown, "path": path, "sha256": digest.hexdigest()}


def _write_receipt(archive: zipfile.ZipFile, payment: payments.PaymentView,
                   locale: str) -> dict[str, Any] | None:
    body = payments.payment_receipt_pdf(payment, locale=locale)
    if body is None:
        return None
    path = f"payments/receipt-{payment.reference}.pdf"
    archive.writestr(path, body)
    return {"kind": "payment_receipt", "source": "payment", "source_id": payment.reference,
            "media_type": "application/pdf", "size": len(body),
            "sha256": hashlib.sha256(body).hexdigest(), "path": path}


def _notification(n: Any) -> dict[str, Any]:
    shown: dict[str, Any] = _plain(n)
    if n.accessed_at is None:
        shown["document_id"] = None  # the content is the addressee's only after access
    shown["events"] = _plain(sources.notification_events(n))
    return shown


def write_export(session: Session, principal: Principal, *, locale: str) -> IO[bytes]:
    """The ZIP of the principal's data, in a temporary file positioned at its start (the
    caller streams and closes it)."""
    data = own_data(session, principal, locale)
    folder_docs = holdings.documents_of(session, principal, submissions=data.submissions,
                                        notifications=data.notifications,
                                        powers=data.powers)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        written = [_write_document(archive, session, doc, _path(doc)) for doc in folder_docs]
        written += [r for p in data.payments if (r := _write_receipt(archive, p, locale))]
        index = {
            "schema_version": SCHEMA_VERSION,
            "generated_at": utcnow().isoformat(),
            "who": {"login": principal.login, "name": data.person.name,
                    "id_type": data.person.id_type, "id_number": data.person.id_number},
            "contact": _plain(data.person),
            "submissions": _plain(data.submissions),
            "files": _plain(data.files),
            "notifications": [_notification(n) for n in data.notifications],
            "payments": [{**_plain(p), "subject": _plain(p.subject)} for p in data.payments],
            "powers": _plain(data.powers),
            "consents": {"in_force": [_consent(s) for s in consents.consents_of(
                             session, data.person.person_id)],
                         "history": _plain(consents.consent_history(
                             session, data.person.person_id))},
            "documents": written,
        }
        archive.writestr("index.json", json.dumps(index, ensure_ascii=False, indent=2,
                                                  sort_keys=True))
    spool.seek(0)
    return spool


def _consent(state: consents.ConsentState) -> dict[str, Any]:
    return {"purpose": state.purpose.key, "given": state.given,
            "since": _plain(state.since), "text_version": state.text_version,
            "current_text_version": state.purpose.version}


def download_name(doc: holdings.FolderDocument) -> str:
    """The file name a document is downloaded (and stored in the ZIP) under."""
    return _path(doc).rsplit("/", 1)[-1]
