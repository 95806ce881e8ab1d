"""The documents a citizen delivers with an application: one file per required document
of the case, checked by content (never by its name), within the catalogue's size and type
limits; PDFs are opened and their signatures validated, and the report is kept. The
bytes go to the documents context; nothing is stored when a check fails."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import puremagic
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from eoffice import catalogue, documents
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow
from eoffice.shared.downloads import plain_file_name
from eoffice.submissions.domain import OPEN, SubmissionStatus
from eoffice.submissions.errors import (
    FileTooLarge,
    FileTypeNotAccepted,
    NotEditable,
    UnknownDocumentSlot,
    UnreadableFile,
)
from eoffice.submissions.models import Submission, SubmissionAttachment
from eoffice.submissions.views import localise

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PDF = "application/pdf"


@dataclass(frozen=True)
class Slot:
    """A document the case asks for, and the file delivered for it (if any)."""

    document: catalogue.RequiredDocument
    attachment: SubmissionAttachment | None


def required_documents(session: Session,
                       submission: Submission) -> tuple[catalogue.RequiredDocument, ...]:
    """The documents of the case (as published now)."""
    try:
        case = catalogue.get_case(session, submission.procedure_code, submission.case_code)
    except (catalogue.UnknownProcedure, catalogue.UnknownCase):
        return ()
    return tuple(case.required_documents)


def list_attachments(session: Session,
                     submission: Submission) -> Sequence[SubmissionAttachment]:
    return session.scalars(select(SubmissionAttachment)
                           .where(SubmissionAttachment.submission_id == submission.id)
                           .order_by(SubmissionAttachment.document_code)).all()


def checklist(session: Session, submission: Submission) -> list[Slot]:
    """Every required document with what was delivered for it, in the case's order."""
    delivered = {a.document_code: a for a in list_attachments(session, submission)}
    return [Slot(doc, delivered.get(doc.code)) for doc in required_documents(session, submission)]


def missing_mandatory(session: Session, submission: Submission) -> list[str]:
    return [slot.document.code for slot in checklist(session, submission)
            if slot.document.mandatory and slot.attachment is None]


def safe_file_name(name: str) -> str:
    """The name a file is kept under: its last path part (no folders, so no way out of
    a folder it is later written to), printable characters only
    (``shared.downloads.plain_file_name``), at most its last 200."""
    return plain_file_name(name)[-200:] or "file"


def read_limited(stream: IO[bytes], limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge()
    if not data:
        raise UnreadableFile()
    return data


def sniff(data: bytes) -> str:
    try:
        return str(puremagic.from_string(data, mime=True)) or "application/octet-stream"
    except puremagic.PureError:
        return "application/octet-stream"


def content_checks(data: bytes, media_type: str) -> dict[str, Any]:
    """Refuse what a city does not take in a file (scripts, polyglots, bombs:
    documents.screen_content); for a PDF, the report of its signatures."""
    if media_type == PDF:
        return pdf_checks(data)
    documents.screen_content(data, media_type)
    return {}


def pdf_checks(data: bytes) -> dict[str, Any]:
    """Open the PDF, refuse what a city does not take in a PDF and validate its
    signatures (UnreadableFile when it cannot be read)."""
    try:
        report = documents.validate_pdf(data)
        documents.screen_content(data, PDF)
    except (documents.UnreadablePdf, documents.EncryptedPdf) as exc:
        raise UnreadableFile() from exc
    return {"signatures": [{"signer": s.signer, "valid": s.valid, "level": s.level,
                            "intact": s.intact, "trusted": s.trusted}
                           for s in report.signatures],
            "all_signatures_valid": report.all_valid,
            "unsigned_fields": list(report.unsigned_fields)}


@dataclass(frozen=True)
class CheckedFile:
    """A delivered file that passed its checks, not yet kept."""

    document_code: str
    title: str
    file_name: str
    data: bytes
    media_type: str
    checks: dict[str, Any]


def check_file(session: Session, submission: Submission, *, document_code: str,
               file_name: str, stream: IO[bytes], language: str = "es") -> CheckedFile:
    """Read and check a file for ``document_code`` (limits, type by content, PDF opened and
    its signatures validated): heavy work done before any write transaction."""
    if SubmissionStatus(submission.status) not in OPEN:
        raise NotEditable()
    wanted = next((d for d in required_documents(session, submission)
                   if d.code == document_code), None)
    if wanted is None:
        raise UnknownDocumentSlot()
    data = read_limited(stream, wanted.max_size_bytes or DEFAULT_MAX_BYTES)
    media_type = sniff(data)
    if wanted.accepted_media_types and media_type not in wanted.accepted_media_types:
        raise FileTypeNotAccepted()
    checks = content_checks(data, media_type)
    return CheckedFile(document_code, localise(wanted.title, language),
                       safe_file_name(file_name), data, media_type, checks)


def scan_file(checked: CheckedFile, *, actor: str, unit_code: str) -> None:
    """Scan a checked file for viruses (documents.InfectedFile, ScannerUnavailable): out
    of any transaction, the scanner is remote and a quarantine commits its own trace."""
    documents.scan_upload(checked.data, file_name=checked.file_name, actor=actor,
                          channel="application", unit_code=unit_code)


def keep_file(session: Session, submission: Submission, checked: CheckedFile, *,
              principal: Principal, language: str = "es") -> SubmissionAttachment:
    """Keep a checked file (replacing an earlier one of its document), in the caller's
    transaction, with the submission locked."""
    if SubmissionStatus(submission.status) not in OPEN:
        raise NotEditable()
    stored = documents.register_document(
        session, chunks=[checked.data], media_type=checked.media_type, title=checked.title,
        language=language, unit_code=submission.unit_code, origin=documents.Origin.CITIZEN,
        actor=principal.login)
    session.execute(delete(SubmissionAttachment).where(
        SubmissionAttachment.submission_id == submission.id,
        SubmissionAttachment.document_code == checked.document_code))
    attachment = SubmissionAttachment(
        id=str(uuid.uuid4()), submission_id=submission.id,
        document_code=checked.document_code, document_id=stored.id,
        file_name=checked.file_name, media_type=checked.media_type, size=len(checked.data),
        sha256=stored.sha256, checks=checked.checks, uploaded_at=utcnow())
    session.add(attachment)
    submission.updated_at = attachment.uploaded_at
    session.flush()
    return attachment


def remove_attachment(session: Session, submission: Submission, document_code: str) -> bool:
    """Take back the file of ``document_code`` while the submission is a draft."""
    if SubmissionStatus(submission.status) not in OPEN:
        raise NotEditable()
    done = session.execute(delete(SubmissionAttachment).where(
        SubmissionAttachment.submission_id == submission.id,
        SubmissionAttachment.document_code == document_code))
    return bool(getattr(done, "rowcount", 0))
