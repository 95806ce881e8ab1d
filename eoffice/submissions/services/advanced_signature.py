"""The applicant's advanced signature: she downloads the application PDF, signs it with
her own certificate (AutoFirma, Adobe Reader, a card reader…) and uploads the signed file.

It is accepted only when the signed file is exactly the application prepared for her
with signatures appended (the prepared bytes are its first revision), every signature in
it is valid against the trust list (intact, trusted, not revoked, nothing changed after
signing), and one of them is the applicant's: the certificate's serialNumber carries her
id number (``IDCES-12345678Z`` on Spanish qualified certificates, or the bare number).
The checks run with no lock held; the result is kept in a short unit of work, as a new
version of the application document, with the validation report.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import IO

from eoffice import audit, documents, identity
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.submissions.domain import OPEN, SubmissionStatus
from eoffice.submissions.errors import (
    AnswersChanged,
    FileTooLarge,
    NotSigned,
    NotTheApplication,
    NotValidated,
    SignatureNotValid,
    SignerNotApplicant,
    UnreadableFile,
)
from eoffice.submissions.models import SubmissionSignature
from eoffice.submissions.services import access, application_pdf
from eoffice.submissions.services.drafts import step
from eoffice.submissions.services.on_behalf import on_behalf_of
from eoffice.submissions.services.submitting import require_ready

PDF = "application/pdf"


def _id_in(serial: str | None) -> str:
    """The id number in a certificate's serialNumber: ``IDCES-12345678Z`` → ``12345678Z``."""
    text = (serial or "").strip().upper()
    found = re.fullmatch(r"(?:IDC|PAS|PNO|TIN)[A-Z]{2}-(.+)", text)  # ETSI EN 319 412-1
    return found.group(1) if found else text


def _validated(signed: bytes, prepared: bytes, applicant_id: str) -> documents.ValidationReport:
    if signed == prepared:
        raise NotSigned()
    if len(signed) < len(prepared) or not signed.startswith(prepared):
        raise NotTheApplication()
    try:
        report = documents.validate_pdf(signed)
    except (documents.UnreadablePdf, documents.EncryptedPdf) as exc:
        raise UnreadableFile() from exc
    signatures = [s for s in report.signatures if s.kind == "signature"]
    if not signatures:
        raise NotSigned()
    if not report.all_valid:
        problems = [p for s in report.signatures for p in s.problems]
        raise SignatureNotValid(detail="; ".join(problems)[:500] or None)
    if not any(_id_in(s.signer_id) == applicant_id.upper() for s in signatures):
        raise SignerNotApplicant()
    return report


def accept_signed_application(submission_id: str, principal: Principal, signed: bytes, *,
                              language: str) -> SubmissionSignature:
    """Check ``signed`` and, when it holds, record the advanced signature: the submission
    is ``signed`` and sending it registers this file as the application."""
    with reader() as db:
        row = access.get_own_submission(db, submission_id, principal)
        if SubmissionStatus(row.status) not in OPEN:
            raise NotValidated()
        require_ready(db, row, language=language)
        if not application_pdf.is_current(db, row):
            raise NotTheApplication()
        prepared_sha256 = row.application_sha256
        prepared = application_pdf.content(row)
        applicant = identity.describe_person(db, row.applicant_person_id)
    report = _validated(signed, prepared, applicant.id_number)
    with unit_of_work() as db:
        row = access.get_own_submission(db, submission_id, principal, for_update=True)
        if SubmissionStatus(row.status) not in OPEN:
            raise NotValidated()
        if row.application_sha256 != prepared_sha256 or not application_pdf.is_current(db, row):
            raise AnswersChanged()
        if row.application_document_id is None:
            raise NotTheApplication()
        acting = on_behalf_of(db, row).audit_data(principal)  # refused: nothing recorded
        version = documents.add_version(db, row.application_document_id, chunks=[signed],
                                        media_type=PDF, actor=principal.login)
        row.application_sha256 = version.sha256
        signature = SubmissionSignature(
            submission_id=row.id, kind="advanced", signer_account_id=principal.account_id,
            signer_login=principal.login, signed_at=utcnow(),
            content_sha256=hashlib.sha256(signed).hexdigest(), what="application-pdf",
            document_id=row.application_document_id,
            report={"prepared_sha256": prepared_sha256, "signatures": [
                {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                 for k, v in dataclasses.asdict(s).items()} for s in report.signatures]},
        )
        db.add(signature)
        step(db, row, SubmissionStatus.SIGNED, actor=principal.login, action="signed_advanced")
        row.sent_at = signature.signed_at
        audit.record_event(
            db, "submissions.signed", actor=principal.login, object_type="submission",
            object_id=row.id, unit_code=row.unit_code,
            data={"procedure": row.procedure_code, "case": row.case_code,
                  "signature": "advanced", "signed_sha256": signature.content_sha256,
                  "prepared_sha256": prepared_sha256,
                  "signers": [s.signer for s in report.signatures], **acting})
        db.flush()
        return signature


def read_upload(stream: IO[bytes], *, max_bytes: int) -> bytes:
    """The uploaded signed PDF, refused while reading once it passes ``max_bytes``."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLarge()
    return bytes(data)
