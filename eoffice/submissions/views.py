"""Read models for the submission pages: titles in the reader's language, the status
as words, and the history; built from a Submission row and nothing else."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eoffice.shared.i18n import _l
from eoffice.submissions.domain import EDITABLE, OPEN, SubmissionStatus
from eoffice.submissions.models import Submission, SubmissionSignature, SubmissionStep

STATUS_NAMES = {
    SubmissionStatus.DRAFT: _l("Draft"),
    SubmissionStatus.VALIDATED: _l("Answers checked"),
    SubmissionStatus.FEE_SETTLED: _l("Fee paid"),
    SubmissionStatus.SIGNED: _l("Signed and sent"),
    SubmissionStatus.REGISTERED: _l("Registered"),
    SubmissionStatus.HANDED_OVER: _l("Being processed"),
    SubmissionStatus.EXPIRED: _l("Expired draft"),
}
ACTION_NAMES = {
    "started": _l("Application started"),
    "saved": _l("Answers saved"),
    "checked": _l("Answers checked"),
    "signed": _l("Signed and sent"),
    "registered": _l("Registered"),
    "handed_over": _l("Handed over to the unit that processes it"),
    "signed_advanced": _l("Signed with a certificate"),
    "fee_settled": _l("Fee paid"),
    "expired": _l("Draft expired"),
}


def localise(texts: Mapping[str, str], locale: str) -> str:
    return texts.get(locale) or texts.get("es") or next(iter(texts.values()), "")


@dataclass(frozen=True)
class StepView:
    at: datetime
    actor: str
    action: str


@dataclass(frozen=True)
class SignatureView:
    kind: str
    signer: str
    signed_at: datetime
    content_sha256: str


@dataclass(frozen=True)
class SubmissionView:
    """One submission as its pages show it."""

    id: str
    procedure: str
    case: str
    procedure_title: str
    case_title: str
    status: SubmissionStatus
    status_name: str
    editable: bool  # not sent yet
    unit: str
    form_key: str
    form_version: int
    answers: Mapping[str, Any]
    answers_sha256: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    registry_number: str | None = None
    registered_at: datetime | None = None
    file_number: str | None = None
    answers_open: bool = True  # the answers may still change (no fee issued)
    steps: tuple[StepView, ...] = ()
    signatures: tuple[SignatureView, ...] = ()

    @classmethod
    def of(cls, row: Submission, locale: str, *, steps: Sequence[SubmissionStep] = (),
           signatures: Sequence[SubmissionSignature] = ()) -> SubmissionView:
        status = SubmissionStatus(row.status)
        return cls(
            id=row.id, procedure=row.procedure_code, case=row.case_code,
            procedure_title=localise(row.titles.get("procedure", {}), locale),
            case_title=localise(row.titles.get("case", {}), locale),
            status=status, status_name=str(STATUS_NAMES[status]),
            editable=status in OPEN, answers_open=status in EDITABLE and row.fee_amount is None,
            unit=row.unit_code, form_key=row.form_key,
            form_version=row.form_version, answers=row.answers,
            answers_sha256=row.answers_sha256, created_at=row.created_at,
            updated_at=row.updated_at, sent_at=row.sent_at,
            registry_number=row.registry_number, registered_at=row.registered_at,
            file_number=row.file_number,
            steps=tuple(StepView(s.at, s.actor, str(ACTION_NAMES.get(s.action, s.action)))
                        for s in steps),
            signatures=tuple(SignatureView(g.kind, g.signer_login, g.signed_at,
                                           g.content_sha256) for g in signatures),
        )
