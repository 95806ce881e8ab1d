"""Requirements to the applicant of a file (Law 39/2015 art. 68): the file's process asks
the applicant to complete her application within a term (10 business days by default,
counted by the deadlines context from the day after), the file's resolution terms are
suspended meanwhile (art. 22.1.a) and its phase is ``awaiting_applicant``. Her answer
(text and documents, which join the file with origin citizen) resumes them and is
published as ``files.requirement_answered``; with no answer, the term's expiry marks the
requirement expired (the process then deems the application withdrawn)."""

from __future__ import annotations

import enum
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, deadlines, documents
from eoffice.files.domain import DocumentRole, FilePhase
from eoffice.files.errors import (
    EmptyAnswer,
    InvalidRequirement,
    RequirementAlreadyAnswered,
    RequirementExpired,
    RequirementPending,
    UnknownFile,
    UnknownRequirement,
)
from eoffice.files.models import AdministrativeFile, FileAction
from eoffice.files.requirement_models import Requirement, RequirementDocument
from eoffice.files.services.access import require_open
from eoffice.files.services.documents import DocumentRef, add_document
from eoffice.files.services.phases import set_phase
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.localtime import local_today

log = logging.getLogger(__name__)
ANSWERED_TOPIC = "files.requirement_answered"
DEADLINE_KIND = "requirement"
RESOLUTION_TERM = "resolution"  # the term suspended while the applicant is waited for
DEFAULT_TERM_DAYS = 10
MAX_TERM_DAYS = 60
MAX_TEXT = 10_000


class RequirementState(enum.StrEnum):
    PENDING = "pending"
    ANSWERED = "answered"
    EXPIRED = "expired"


@dataclass(frozen=True)
class AnswerDocument:
    """A document the applicant delivers with her answer, already checked."""

    title: str
    file_name: str
    data: bytes
    media_type: str


@dataclass(frozen=True)
class DeliveredDocument:
    file_name: str
    media_type: str
    size: int
    sha256: str
    document_id: str


@dataclass(frozen=True)
class RequirementView:
    """A requirement as its applicant and the file's clerks see it."""

    id: str
    file_id: str
    text: str
    term_days: int
    state: str
    due_on: date
    made_at: datetime
    answer_text: str | None
    answered_at: datetime | None
    expired_at: datetime | None
    documents: tuple[DeliveredDocument, ...]

    @property
    def pending(self) -> bool:
        return self.state == RequirementState.PENDING


def _view(session: Session, row: Requirement) -> RequirementView:
    delivered = session.scalars(select(RequirementDocument).where(
        RequirementDocument.requirement_id == row.id).order_by(RequirementDocument.id))
    return RequirementView(
        id=row.id, file_id=row.file_id, text=row.text, term_days=row.term_days,
        state=row.state, due_on=row.due_on, made_at=row.made_at, answer_text=row.answer_text,
        answered_at=row.answered_at, expired_at=row.expired_at,
        documents=tuple(DeliveredDocument(d.file_name, d.media_type, d.size, d.sha256,
                                          d.document_id) for d in delivered))


def _record(session: Session, file: AdministrativeFile, kind: str, *, actor: str,
            details: dict[str, Any]) -> None:
    """The requirement's step on the file's timeline, with its audit event."""
    session.add(FileAction(file_id=file.id, at=utcnow(), actor=actor, kind=kind,
                           details=details))
    audit.record_event(session, f"files.{kind}", actor=actor, object_type="file",
                       object_id=file.id, unit_code=file.responsible_unit,
                       data={"number": file.number, **details})


def _addressee(file: AdministrativeFile) -> dict[str, Any]:
    """The applicant (the first interested party) and her representative, if any."""
    parties = [dict(p) for p in file.parties or []]
    applicant = next((p for p in parties if p.get("role", "interested") == "interested"),
                     parties[0] if parties else {})
    representative = next((p for p in parties if p.get("role") == "representative"), None)
    return {"applicant": applicant, "representative": representative}


def _suspend_terms(session: Session, file: AdministrativeFile, today: date, *,
                   actor: str) -> list[int]:
    """Suspend the file's running terms (its resolution term) from today (art. 22.1.a);
    the ids of those suspended. A term that cannot be suspended is left as it is."""
    suspended = []
    for term in deadlines.list_deadlines(session, "file", file.id):
        if term.kind != RESOLUTION_TERM or term.state != deadlines.DeadlineState.RUNNING:
            continue  # art. 22.1.a suspends the term to resolve, not the others
        on = max(today, term.started_on + timedelta(days=1))
        try:
            deadlines.suspend_deadline(session, term.id, on=on, actor=actor,
                                       reason=f"requirement to the applicant ({file.number})")
        except (deadlines.InvalidDay, deadlines.NotRunning):
            log.info("term %s of file %s not suspended (due %s)", term.id, file.number,
                     term.due_on)
            continue
        suspended.append(term.id)
    return suspended


def _resume_terms(session: Session, row: Requirement, on: date, *, actor: str) -> None:
    for term_id in row.suspended_terms or []:
        term = deadlines.get_deadline(session, term_id)
        if term.state != deadlines.DeadlineState.SUSPENDED:
            continue
        first = max(p.first for p in term.suspensions)
        deadlines.resume_deadline(session, term_id, on=max(on, first), actor=actor)


def make_requirement(session: Session, file_id: str, *, text: str,
                     term_days: int = DEFAULT_TERM_DAYS, actor: str,
                     instance_id: str | None = None) -> RequirementView:
    """Require the applicant of the open file ``file_id`` to supply what ``text`` says
    within ``term_days`` business days from tomorrow. One pending requirement at a time
    (RequirementPending)."""
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT or isinstance(term_days, bool) \
            or not 1 <= int(term_days) <= MAX_TERM_DAYS:
        raise InvalidRequirement()
    file = session.get(AdministrativeFile, file_id, with_for_update=True)
    if file is None:
        raise UnknownFile()
    require_open(file)
    if session.scalar(select(Requirement.id).where(
            Requirement.file_id == file.id, Requirement.state == RequirementState.PENDING)):
        raise RequirementPending()
    today = local_today()
    term = deadlines.start_deadline(session, deadlines.NewDeadline(
        subject_kind="file", subject_id=file.id, kind=DEADLINE_KIND, started_on=today,
        term={"value": int(term_days), "unit": "business_days"}), actor=actor)
    assert term.due_on is not None
    row = Requirement(id=str(uuid.uuid4()), file_id=file.id, addressee=_addressee(file),
                      text=text, term_days=int(term_days), state=RequirementState.PENDING,
                      deadline_id=term.id, due_on=term.due_on, suspended_terms=[],
                      made_at=utcnow(), made_by=actor, instance_id=instance_id)
    session.add(row)
    row.suspended_terms = _suspend_terms(session, file, today, actor=actor)
    _record(session, file, "requirement_made", actor=actor,
            details={"requirement": row.id, "due_on": row.due_on.isoformat(),
                     "title": text[:200]})
    session.flush()
    set_phase(session, file.id, FilePhase.AWAITING_APPLICANT, actor=actor)
    return _view(session, row)


def _pending(session: Session, requirement_id: str) -> Requirement:
    row = session.get(Requirement, requirement_id[:36], with_for_update=True)
    if row is None:
        raise UnknownRequirement()
    if row.state == RequirementState.ANSWERED:
        raise RequirementAlreadyAnswered()
    if row.state == RequirementState.EXPIRED or local_today() > row.due_on:
        raise RequirementExpired()
    return row


def _deliver(session: Session, file: AdministrativeFile, row: Requirement,
             delivered: AnswerDocument, *, actor: str, language: str) -> None:
    stored = documents.register_document(
        session, chunks=[delivered.data], media_type=delivered.media_type,
        title=delivered.title[:500], language=language, unit_code=file.responsible_unit,
        origin=documents.Origin.CITIZEN, actor=actor)
    add_document(session, file, DocumentRef(stored.id, DocumentRole.ATTACHMENT), actor=actor)
    session.add(RequirementDocument(requirement_id=row.id, document_id=stored.id,
                                    file_name=delivered.file_name[-200:],
                                    media_type=delivered.media_type,
                                    size=len(delivered.data), sha256=stored.sha256))


def answer_requirement(session: Session, requirement_id: str, *, text: str,
                       delivered: Sequence[AnswerDocument], actor: str,
                       language: str = "es") -> RequirementView:
    """The applicant's answer: her text and documents join the file, the requirement's
    term is met, the suspended terms run again, the file is back ``in_process`` and
    ``files.requirement_answered`` is published. A second answer is refused
    (RequirementAlreadyAnswered), as is an answer after the last day
    (RequirementExpired). The caller checked that ``actor`` is the applicant."""
    text = (text or "").strip()[:MAX_TEXT]
    if not text and not delivered:
        raise EmptyAnswer()
    row = _pending(session, requirement_id)
    file = session.get(AdministrativeFile, row.file_id, with_for_update=True)
    assert file is not None
    require_open(file)
    for document in delivered:
        _deliver(session, file, row, document, actor=actor, language=language)
    today = local_today()
    row.state, row.answer_text = RequirementState.ANSWERED, text or None
    row.answered_at, row.answered_by = utcnow(), actor
    if row.deadline_id is not None:
        deadlines.mark_met(session, row.deadline_id, on=today, actor=actor)
    _resume_terms(session, row, today, actor=actor)
    _record(session, file, "requirement_answered", actor=actor,
            details={"requirement": row.id, "documents": len(delivered),
                     "title": (text or "")[:200]})
    session.flush()
    set_phase(session, file.id, FilePhase.IN_PROCESS, actor=actor)
    outbox.enqueue(session, ANSWERED_TOPIC,
                   {"file": file.id, "number": file.number, "requirement": row.id,
                    "submission": file.submission_id, "documents": len(delivered)},
                   dedup_key=f"requirement-answered:{row.id}")
    return _view(session, row)


def expire_requirement(session: Session, *, deadline_id: int,
                       actor: str = "system") -> RequirementView | None:
    """The requirement counted by ``deadline_id`` ended without an answer: it is expired
    and the file's suspended terms run again from its last day. None when no pending
    requirement has that term (answered meanwhile, or not a requirement's)."""
    row = session.scalar(select(Requirement).where(Requirement.deadline_id == deadline_id)
                         .with_for_update())
    if row is None or row.state != RequirementState.PENDING:
        return None
    file = session.get(AdministrativeFile, row.file_id, with_for_update=True)
    assert file is not None
    row.state, row.expired_at = RequirementState.EXPIRED, utcnow()
    _resume_terms(session, row, row.due_on, actor=actor)
    _record(session, file, "requirement_expired", actor=actor,
            details={"requirement": row.id, "due_on": row.due_on.isoformat()})
    session.flush()
    return _view(session, row)


def list_requirements(session: Session, file_id: str) -> list[RequirementView]:
    """The requirements of a file, oldest first."""
    rows = session.scalars(select(Requirement).where(Requirement.file_id == file_id)
                           .order_by(Requirement.made_at, Requirement.id))
    return [_view(session, row) for row in rows]


def requirements_of_submission(session: Session, submission_id: str
                               ) -> list[RequirementView]:
    """The requirements of the file opened for the application ``submission_id`` (the
    caller has checked that the reader is its applicant)."""
    file_id = session.scalar(select(AdministrativeFile.id)
                             .where(AdministrativeFile.submission_id == submission_id))
    return list_requirements(session, file_id) if file_id else []


def requirement_of_submission(session: Session, submission_id: str,
                              requirement_id: str) -> RequirementView:
    """One requirement of that file, or UnknownRequirement."""
    found = next((r for r in requirements_of_submission(session, submission_id)
                  if r.id == requirement_id), None)
    if found is None:
        raise UnknownRequirement()
    return found
