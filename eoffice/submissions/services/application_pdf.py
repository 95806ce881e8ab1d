"""The application as a PDF/A: the form read-only, the applicant, the files delivered with
their digests and the fee. It is what the applicant signs: her simple signature binds its
SHA-256 (with the files'), and an advanced signature is this PDF signed with her own
certificate.

It is rendered when first needed for the answers and files as they are (the check page,
``GET .../application``, sending), outside any lock, and kept as a version of the
submission's application document; ``application_basis`` says which answers and files it
shows, so a change of either makes it stale and the next need renders it again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from eoffice import documents, forms, identity
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _
from eoffice.shared.localtime import city_timezone
from eoffice.submissions.domain import OPEN, SubmissionStatus, bundle_digest
from eoffice.submissions.models import Submission
from eoffice.submissions.services import access, attachments
from eoffice.submissions.views import localise

PDF = "application/pdf"


@dataclass(frozen=True)
class RenderedApplication:
    basis: str  # the digest of the answers and files it shows
    content: bytes
    sha256: str


def basis_of(session: Session, submission: Submission) -> str:
    """The digest of the answers and the files delivered now."""
    return bundle_digest(submission.answers_sha256 or "", [
        (a.document_code, a.sha256) for a in attachments.list_attachments(session, submission)])


def is_current(session: Session, submission: Submission) -> bool:
    return (submission.application_sha256 is not None
            and submission.application_basis == basis_of(session, submission))


def _now_in_city() -> str:
    return utcnow().astimezone(city_timezone()).strftime("%Y-%m-%d %H:%M %Z")


def _labels() -> dict[str, str]:
    return {
        "to": _("To"), "applicant": _("Applicant"), "answers": _("Answers"),
        "documents": _("Documents delivered"), "fee": _("Fee"),
        "heading": _("Application"), "answers_digest": _("Answers SHA-256"),
        "footer": _("Application prepared by the electronic office; the applicant signs it."),
        "declaration": _("I declare that the information in this application and the "
                         "documents delivered with it are true."),
    }


def render(session: Session, submission: Submission, *, language: str) -> RenderedApplication:
    """The PDF of the answers and files as they are now. Reads only: call it before the
    unit of work that keeps it, so no lock is held while it renders."""
    slots = attachments.checklist(session, submission)
    applicant = identity.describe_person(session, submission.applicant_person_id)
    unit = identity.describe_unit(session, submission.unit_code, locale=language)
    procedure = localise(submission.titles.get("procedure", {}), language)
    case = localise(submission.titles.get("case", {}), language)
    data: dict[str, Any] = {
        "labels": _labels(),
        "applicant": f"{applicant.name} ({applicant.id_type.upper()} {applicant.id_number})",
        "fields": [(_("Procedure"), procedure), (_("Case"), case),
                   (_("Prepared on"), _now_in_city())],
        "answers_sha256": submission.answers_sha256 or "",
        "answers_html": forms.render_answers_html(
            session, submission.form_key, submission.form_version, submission.answers,
            locale=language),
        "documents": [{"title": localise(slot.document.title, language),
                       "file_name": slot.attachment.file_name,
                       "sha256": slot.attachment.sha256}
                      for slot in slots if slot.attachment is not None],
        "fee": f"{submission.fee_amount} EUR" if submission.fee_amount is not None else "",
    }
    content = documents.render_application_pdf(
        language=language, title=f"{procedure}: {case}", data=data, unit_name=unit.name,
        answers_json=dict(submission.answers))
    return RenderedApplication(basis_of(session, submission), content,
                               hashlib.sha256(content).hexdigest())


def keep(session: Session, submission: Submission, rendered: RenderedApplication, *,
         actor: str) -> bool:
    """Keep ``rendered`` as the submission's application (its row locked by the caller)
    if it still shows the answers and files of now; False when they changed since."""
    if rendered.basis != basis_of(session, submission):
        return False
    if submission.application_sha256 == rendered.sha256:
        return True
    if submission.application_document_id is None:
        kept = documents.register_document(
            session, chunks=[rendered.content], media_type=PDF,
            title=localise(submission.titles.get("procedure", {}), "es"), language="es",
            unit_code=submission.unit_code, doc_type=documents.DocumentType.APPLICATION,
            origin=documents.Origin.CITIZEN, actor=actor)
        submission.application_document_id = kept.id
    else:
        documents.add_version(session, submission.application_document_id,
                              chunks=[rendered.content], media_type=PDF, actor=actor)
    submission.application_sha256 = rendered.sha256
    submission.application_basis = rendered.basis
    return True


def ensure(session: Session, submission: Submission, *, language: str, actor: str) -> None:
    """The application of the answers and files of now is kept (rendered here, under the
    caller's lock, only when no earlier request rendered it)."""
    if not is_current(session, submission):
        keep(session, submission, render(session, submission, language=language), actor=actor)


def content(submission: Submission) -> bytes:
    """The bytes of the kept application PDF (the current version of its document)."""
    if submission.application_sha256 is None:
        raise LookupError("no application PDF yet")
    return documents.blob_store().read_bytes(submission.application_sha256)


def bring_up_to_date(submission_id: str, principal: Principal, *, language: str) -> None:
    """Render the application of the answers and files of now, if it is not kept yet, with
    no lock held while it renders; then keep it in a short unit of work. A submission that
    is not checked yet, or already sent, is left as it is."""
    with reader() as db:
        row = access.get_own_submission(db, submission_id, principal)
        if (row.answers_sha256 is None or SubmissionStatus(row.status) not in OPEN
                or is_current(db, row)):
            return
        rendered = render(db, row, language=language)
    with unit_of_work() as db:
        row = access.get_own_submission(db, submission_id, principal, for_update=True)
        if SubmissionStatus(row.status) in OPEN:
            keep(db, row, rendered, actor=principal.login)
