"""Resolutions (decrees) of single-person bodies and their place in the book: registered
pending before their signature circuit starts; the completing signature is refused to
anyone not competent that day (the tray's signature guard); when the circuit ends signed
the resolution takes the next number of its competent body's book (gap-free, in the
transaction of the last signature), dated and counted in the year of the resolving
signature (the mayor's, when a head completes the circuit for the record); rejected, it
takes none."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.bodies.capacity import Capacity, capacity_of, refusal_reason
from eoffice.bodies.competences import competent_body_row
from eoffice.bodies.directory import invalid
from eoffice.bodies.domain import BodyKind, ResolutionState
from eoffice.bodies.errors import NoCompetence, UnknownResolution
from eoffice.bodies.models import Body, Resolution, ResolutionCounter
from eoffice.shared.clock import utcnow
from eoffice.shared.counters import take_next
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date

MAX_TITLE = 500


@dataclass(frozen=True)
class ResolutionView:
    """A resolution as other contexts see it; ``year``/``number`` once signed."""

    id: str
    body_key: str
    year: int | None
    number: int | None
    state: str
    title: str
    document_id: str
    file_number: str | None
    signed_by: str | None
    signed_at: datetime | None
    acting_body_key: str
    by_delegation: bool

    @property
    def book_number(self) -> str | None:
        """``2026/15`` once numbered."""
        return f"{self.year}/{self.number}" if self.number is not None else None


def resolution_view(session: Session, row: Resolution) -> ResolutionView:
    body, acting = session.get(Body, row.body_id), session.get(Body, row.acting_body_id)
    assert body is not None and acting is not None
    return ResolutionView(
        id=row.id, body_key=body.key, year=row.year, number=row.number, state=row.state,
        title=row.title, document_id=row.document_id, file_number=row.file_number,
        signed_by=row.signed_by, signed_at=row.signed_at, acting_body_key=acting.key,
        by_delegation=row.delegation_id is not None)


def find_resolution_by_document(session: Session, document_id: str) -> ResolutionView | None:
    row = session.scalar(select(Resolution).where(Resolution.document_id == document_id))
    return None if row is None else resolution_view(session, row)


def get_resolution(session: Session, resolution_id: str) -> ResolutionView:
    row = session.get(Resolution, resolution_id)
    if row is None:
        raise UnknownResolution()
    return resolution_view(session, row)


def _single_competent_body(session: Session, procedure_code: str) -> Body:
    body = competent_body_row(session, procedure_code)
    if body is None or body.kind != BodyKind.SINGLE or not body.active:
        raise invalid("procedure_code", _(
            "The procedure %(code)s has no single-person competent body: a decree needs "
            "one (set the competence; a collegiate body adopts agreements in sessions).",
            code=procedure_code), "no_single_person_body")
    return body


def register_resolution(session: Session, *, document_id: str, procedure_code: str,
                        title: str, actor: str, file_id: str | None = None,
                        file_number: str | None = None) -> ResolutionView:
    """Record the document ``document_id`` as a pending resolution of the procedure's
    competent single-person body, before its circuit starts (audited). Registering the
    same document again returns it (a rejected one is pending again)."""
    title = " ".join(title.split())[:MAX_TITLE]
    if not title:
        raise invalid("title", _("Give the resolution a title."), "required")
    body = _single_competent_body(session, procedure_code)
    documents.get_document(session, document_id)  # UnknownDocument when it is not there
    row = session.scalar(select(Resolution).where(Resolution.document_id == document_id)
                         .with_for_update())
    if row is not None:
        if row.state == ResolutionState.SIGNED:
            raise invalid("document_id", _("This document is already resolution %(number)s "
                                           "of the book.", number=f"{row.year}/{row.number}"),
                          "already_numbered")
        if row.state == ResolutionState.PENDING:
            return resolution_view(session, row)
        row.state, row.title, row.procedure_code = (ResolutionState.PENDING.value, title,
                                                    procedure_code)
        row.circuit_id = None  # a new circuit will carry it
        row.body_id = row.acting_body_id = body.id
    else:
        row = Resolution(
            id=str(uuid.uuid4()), body_id=body.id, acting_body_id=body.id,
            document_id=document_id, file_id=file_id, file_number=file_number,
            procedure_code=procedure_code, title=title, state=ResolutionState.PENDING.value,
            created_at=utcnow(), created_by=actor)
        session.add(row)
    session.flush()
    audit.record_event(session, "bodies.resolution_registered", actor=actor,
                       object_type="resolution", object_id=row.id, unit_code=body.unit_code,
                       data={"body": body.key, "document": document_id,
                             "procedure": procedure_code, "file": file_number})
    return resolution_view(session, row)


def bind_circuit(session: Session, resolution_id: str, circuit_id: str) -> None:
    """The circuit that carries the pending resolution: only its signatures count for the
    book; another circuit on the same document is refused its completing signature."""
    row = session.get(Resolution, resolution_id, with_for_update=True)
    if row is None or row.state != ResolutionState.PENDING:
        raise UnknownResolution()
    row.circuit_id = circuit_id
    session.flush()


def _pending(session: Session, document_id: str, *, lock: bool = False) -> Resolution | None:
    query = select(Resolution).where(Resolution.document_id == document_id,
                                     Resolution.state == ResolutionState.PENDING)
    return session.scalar(query.with_for_update() if lock else query)


@dataclass(frozen=True)
class Resolver:
    """Who resolves a decree, in which capacity, and when she signed it."""

    login: str
    capacity: Capacity
    signed_at: datetime


def _resolving(session: Session, body: Body, row: Resolution, circuit_id: str,
               completing: str, now: datetime) -> Resolver | None:
    """Who resolves in the circuit that is ending, in which capacity and when: the
    completing signer if competent now, else the first earlier signer competent on the
    day they signed (the mayor signs, then the secretary signs for the record)."""
    capacity = capacity_of(session, body, row.procedure_code, completing, local_date(now))
    if capacity is not None:
        return Resolver(completing, capacity, now)
    for step in documents.get_circuit(session, circuit_id).steps:
        if step.state == documents.StepState.SIGNED and step.acted_at is not None:
            earlier = capacity_of(session, body, row.procedure_code, step.signer,
                                  local_date(step.acted_at))
            if earlier is not None:
                return Resolver(step.signer, earlier, step.acted_at)
    return None


class OtherCircuit(NoCompetence):
    """Another circuit on the document of a decree that waits in its own circuit."""


def check_competence(session: Session, attempt: documents.SignatureAttempt) -> None:
    """The tray's signature guard: a pending resolution's circuit is completed only when
    someone competent that day signs in it (NoCompetence saying why not); its document is
    not signed to the end in another circuit."""
    if not attempt.completes:
        return  # a report, a visto bueno: checked when the circuit completes
    row = _pending(session, attempt.document_id)
    if row is None:
        return
    if row.circuit_id is not None and row.circuit_id != attempt.circuit_id:
        raise OtherCircuit(_("This decree waits for its signature in its own circuit."))
    body = session.get(Body, row.body_id)
    assert body is not None
    now = utcnow()
    if _resolving(session, body, row, attempt.circuit_id, attempt.signer, now) is None:
        raise NoCompetence(refusal_reason(session, body, row.procedure_code,
                                          attempt.signer, local_date(now)))


def number_on_finish(session: Session, ended: documents.CircuitEnded) -> None:
    """The tray's finishing hook: a pending resolution's circuit ended signed takes the
    next number of its body's book for the year; rejected, it takes none (audited)."""
    row = _pending(session, ended.document_id, lock=True)
    if row is None or row.circuit_id not in (None, ended.circuit_id):
        return
    # The body's row is locked before the time is read, so the book's numbers follow
    # its signing times on PostgreSQL too (SQLite's writers are serialised already).
    body = session.get(Body, row.body_id, with_for_update=True)
    assert body is not None
    row.circuit_id = ended.circuit_id
    if ended.state != "signed":
        row.state = ResolutionState.REJECTED.value
        session.flush()
        audit.record_event(session, "bodies.resolution_rejected", actor=ended.last_signer,
                           object_type="resolution", object_id=row.id,
                           unit_code=body.unit_code,
                           data={"body": body.key, "document": row.document_id,
                                 "circuit": ended.circuit_id, "reason": ended.reason})
        return
    now = utcnow()
    found = _resolving(session, body, row, ended.circuit_id, ended.last_signer, now)
    if found is None:  # the guard ran first; a late change of holder ends here
        raise NoCompetence(refusal_reason(session, body, row.procedure_code,
                                          ended.last_signer, local_date(now)))
    capacity = found.capacity
    year = local_date(found.signed_at).year  # the book of the year she resolved in
    row.year, row.number = year, take_next(session, ResolutionCounter, body_id=body.id,
                                           year=year)
    row.state, row.signed_by, row.signed_at = (ResolutionState.SIGNED.value, found.login,
                                               found.signed_at)
    row.acting_body_id = capacity.acting_body.id
    row.delegation_id = capacity.delegation.id if capacity.delegation else None
    session.flush()
    audit.record_event(session, "bodies.resolution_numbered", actor=ended.last_signer,
                       object_type="resolution", object_id=row.id, unit_code=body.unit_code,
                       data={"body": body.key, "year": year, "number": row.number,
                             "acting_body": capacity.acting_body.key,
                             "delegation": capacity.delegation.reference
                             if capacity.delegation else None,
                             "document": row.document_id, "circuit": ended.circuit_id,
                             "file": row.file_number})
