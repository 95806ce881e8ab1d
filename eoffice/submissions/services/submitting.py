"""Sending an application: still open and on the same form, fee settled, the applicant's
power checked when she acts for someone else (``on_behalf``), signed by the
applicant, then registered in the office's online entry register, all in one
transaction. What the registry's receipt and the file add comes with their contexts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from eoffice import catalogue, files, registry
from eoffice.identity import Principal
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.submissions.domain import (
    SubmissionStatus,
    bundle_digest,
    canonical_json,
    may_step,
)
from eoffice.submissions.errors import (
    AlreadyRegistered,
    FeeUnpaid,
    FormOutdated,
    MissingDocuments,
    NoLongerOpen,
    NotValidated,
)
from eoffice.submissions.models import Submission, SubmissionAttachment
from eoffice.submissions.services import application_pdf, attachments, paying
from eoffice.submissions.services.applying import find_application
from eoffice.submissions.services.drafts import sign_submission, step
from eoffice.submissions.services.on_behalf import on_behalf_of
from eoffice.submissions.views import localise

S = SubmissionStatus


def signed_digest(submission: Submission,
                  delivered: Sequence[SubmissionAttachment]) -> str:
    """The digest the applicant signs: answers, the rendered application PDF and the files
    delivered."""
    return bundle_digest(submission.answers_sha256 or "",
                         [(a.document_code, a.sha256) for a in delivered],
                         submission.application_sha256)


def _still_open(session: Session, submission: Submission) -> None:
    """The case still takes online applications, on the form version she answered."""
    try:
        application = find_application(session, submission.procedure_code,
                                       submission.case_code)
    except (catalogue.UnknownProcedure, catalogue.UnknownCase):
        application = None
    if application is None:
        raise NoLongerOpen()
    if (application.form_key, application.form_version) != (submission.form_key,
                                                             submission.form_version):
        raise FormOutdated()


def require_ready(session: Session, submission: Submission, *, language: str) -> None:
    """What signing and sending need: not sent yet, answers checked, the case still open on
    the same form, the fee paid and every mandatory document delivered."""
    status = S(submission.status)
    if status in (S.REGISTERED, S.HANDED_OVER):
        raise AlreadyRegistered()
    if status != S.SIGNED and (not may_step(status, S.SIGNED)
                               or submission.answers_sha256 is None):
        raise NotValidated()
    _still_open(session, submission)
    if not paying.fee_settled(session, submission):
        raise FeeUnpaid()
    missing = [slot.document for slot in attachments.checklist(session, submission)
               if slot.document.mandatory and slot.attachment is None]
    if missing:
        raise MissingDocuments(errors=[FieldError(
            doc.code, _("Attach this document: %(title)s.",
                        title=localise(doc.title, language)), "missing")
            for doc in missing])


def submit_submission(session: Session, submission: Submission, *, principal: Principal,
                      register: str, seen_sha256: str | None = None,
                      language: str = "es") -> registry.RegistryEntryView:
    """Sign (simple signature, if not signed yet) and register ``submission``."""
    status = S(submission.status)
    require_ready(session, submission, language=language)
    acting = on_behalf_of(session, submission)  # refused before anything is written
    delivered = attachments.list_attachments(session, submission)
    if status != S.SIGNED:
        application_pdf.ensure(session, submission, language=language, actor=principal.login)
        bundle = signed_digest(submission, delivered)
        sign_submission(session, submission, principal=principal,
                        seen_sha256=seen_sha256 or bundle, bundle_sha256=bundle,
                        acting=acting.audit_data(principal))
    parties = acting.parties
    submission.parties = [party.as_dict() for party in parties]
    answers = canonical_json(submission.answers)
    application_size = len(application_pdf.content(submission))
    entry = registry.register_entry(session, registry.NewEntry(
        register=register, channel=registry.Channel.ONLINE,
        subject=localise(submission.titles.get("procedure", {}), "es") + ": "
        + localise(submission.titles.get("case", {}), "es"),
        destination_unit=submission.unit_code,
        parties=[registry.Party(p.name, p.id_type, p.id_number, p.role, p.power)
                 for p in parties],
        documents=[registry.DeliveredDocument("answers.json", submission.answers_sha256 or "",
                                              len(answers), "application/json"),
                   registry.DeliveredDocument("application.pdf",
                                              submission.application_sha256 or "",
                                              application_size, "application/pdf"),
                   *(registry.DeliveredDocument(f"{a.document_code}: {a.file_name}", a.sha256,
                                                a.size, a.media_type) for a in delivered)],
        procedure=submission.procedure_code, case=submission.case_code,
        submission_id=submission.id,
        origin={"kind": "citizen", "account": principal.login}, language=language,
    ), actor=principal.login)
    submission.registry_entry_id = entry.id
    submission.registry_number = entry.number
    submission.registered_at = entry.registered_at
    step(session, submission, S.REGISTERED, actor=principal.login, action="registered")
    opened = files.open_file(session, files.NewFile(
        unit_code=submission.unit_code, subject=entry.number + " " + localise(
            submission.titles.get("procedure", {}), "es"),
        parties=submission.parties or [], procedure=submission.procedure_code,
        case=submission.case_code, registry_entry_id=entry.id, submission_id=submission.id,
        documents=[*([files.DocumentRef(submission.application_document_id,
                                        files.DocumentRole.APPLICATION)]
                     if submission.application_document_id else []),
                   *(files.DocumentRef(a.document_id, files.DocumentRole.ATTACHMENT)
                     for a in delivered)],
        **_resolution_term(session, submission),
    ), actor=principal.login)
    submission.file_number = opened.number  # handed over once processing starts it
    return registry.RegistryEntryView.of(entry)



def _resolution_term(session: Session, submission: Submission) -> dict[str, Any]:
    """The term of resolution and silence effect of the procedure version applied for."""
    definition = catalogue.get_version_content(session, submission.procedure_code,
                                               submission.procedure_version)[1]
    term = definition.resolution_term
    return {"resolution_term": ({"value": term.value, "unit": term.unit.value}
                                if term is not None else None),
            "silence_effect": (definition.silence_effect.value
                               if definition.silence_effect is not None else None)}
