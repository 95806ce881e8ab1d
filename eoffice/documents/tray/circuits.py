"""Signature circuits: starting one on a recorded or freshly rendered PDF/A document,
rejecting in the tray, and what a signer's tray and a circuit page show."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.documents.models import Document, DocumentVersion, SignatureCircuit, SignatureStep
from eoffice.documents.tray.domain import (
    CircuitMode,
    CircuitState,
    StepState,
    after_rejection,
    initial_states,
)
from eoffice.documents.tray.errors import (
    InvalidCircuit,
    NotYourTurn,
    ReasonRequired,
    UnknownCircuit,
)
from eoffice.identity import Permission
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError

MAX_SIGNERS = 10
MAX_REASON = 1000


@dataclass(frozen=True)
class StepView:
    position: int
    signer: str
    state: str
    acted_at: datetime | None
    reason: str | None
    version_number: int | None


@dataclass(frozen=True)
class CircuitView:
    """A circuit as its signers see it (the document's current version included)."""

    id: str
    document_id: str
    title: str
    unit_code: str
    mode: str
    state: str
    started_by: str
    started_at: datetime
    finished_at: datetime | None
    current_version: int
    steps: list[StepView]

    def step_of(self, login: str) -> StepView | None:
        return next((step for step in self.steps if step.signer == login), None)


def signing_logins(session: Session, unit_code: str) -> set[str]:
    """Logins holding a role that signs resolutions in ``unit_code`` or a unit above it."""
    signing_roles = {key for key, _, permissions in identity.STANDARD_ROLES
                     if Permission.SIGN_RESOLUTIONS in permissions}
    logins: set[str] = set()
    code: str | None = unit_code
    while code is not None:
        staff = identity.list_unit_staff(session, code, locale="es")
        logins.update(member.login for member in staff if member.role_key in signing_roles)
        code = identity.describe_unit(session, code, locale="es").parent_code
    return logins


def _invalid(field: str, message: str, code: str) -> InvalidCircuit:
    return InvalidCircuit(errors=[FieldError(field, message, code)])


def _check_signers(session: Session, unit_code: str, signers: list[str]) -> list[str]:
    cleaned = [login.strip() for login in signers if login.strip()]
    if not cleaned:
        raise _invalid("signers", "name at least one signer", "required")
    if len(cleaned) > MAX_SIGNERS or len(set(cleaned)) != len(cleaned):
        raise _invalid("signers", "at most 10 different signers", "invalid")
    allowed = signing_logins(session, unit_code)
    if any(login not in allowed for login in cleaned):
        raise _invalid(
            "signers", "every signer must sign resolutions in the unit", "not_a_signer")
    return cleaned


def _document_to_sign(session: Session, document_id: str) -> Document:
    document = session.get(Document, document_id)
    version = None if document is None else session.scalar(select(DocumentVersion).filter_by(
        document_id=document.id, number=document.current_version))
    if document is None or version is None or not version.pdfa_conforms:
        raise _invalid("document_id", "not a recorded PDF/A document", "not_pdfa")
    return document


def start_circuit(
    session: Session, *, document_id: str, signers: list[str],
    mode: CircuitMode | str = CircuitMode.SEQUENTIAL, title: str | None = None,
    actor: str,
) -> CircuitView:
    """Send the recorded document ``document_id`` round ``signers`` (audited)."""
    document = _document_to_sign(session, document_id)
    try:
        mode = CircuitMode(mode)
    except ValueError as exc:
        raise _invalid("mode", "sequential or parallel", "invalid") from exc
    cleaned = _check_signers(session, document.unit_code, signers)
    circuit = SignatureCircuit(
        id=str(uuid.uuid4()), document_id=document.id, title=title or document.title,
        unit_code=document.unit_code, mode=mode.value, state=CircuitState.PENDING.value,
        started_by=actor, started_at=utcnow(), finished_at=None)
    session.add(circuit)
    session.flush()  # the steps reference it
    for position, (login, state) in enumerate(
            zip(cleaned, initial_states(mode, len(cleaned)), strict=True), start=1):
        session.add(SignatureStep(circuit_id=circuit.id, position=position, signer=login,
                                  state=state.value))
    session.flush()
    audit.record_event(session, "documents.circuit_started", actor=actor,
                       object_type="document", object_id=document.id,
                       unit_code=document.unit_code,
                       data={"circuit": circuit.id, "mode": mode.value, "signers": cleaned})
    return get_circuit(session, circuit.id)


def get_circuit(session: Session, circuit_id: str) -> CircuitView:
    circuit = session.get(SignatureCircuit, circuit_id)
    if circuit is None:
        raise UnknownCircuit()
    document = session.get(Document, circuit.document_id)
    steps = session.scalars(select(SignatureStep).filter_by(circuit_id=circuit.id)
                            .order_by(SignatureStep.position))
    return CircuitView(
        id=circuit.id, document_id=circuit.document_id, title=circuit.title,
        unit_code=circuit.unit_code, mode=circuit.mode, state=circuit.state,
        started_by=circuit.started_by, started_at=circuit.started_at,
        finished_at=circuit.finished_at,
        current_version=document.current_version if document else 0,
        steps=[StepView(s.position, s.signer, s.state, s.acted_at, s.reason,
                        s.version_number) for s in steps])


def get_circuit_for(session: Session, circuit_id: str, login: str) -> CircuitView:
    """The circuit when ``login`` is one of its signers or started it; else not found."""
    view = get_circuit(session, circuit_id)
    if view.step_of(login) is None and view.started_by != login:
        raise UnknownCircuit()
    return view


def list_tray(session: Session, login: str) -> tuple[list[CircuitView], list[CircuitView]]:
    """The circuits waiting for ``login`` now, and those ``login`` already acted on."""
    rows = session.execute(select(SignatureStep.circuit_id, SignatureStep.state)
                           .join(SignatureCircuit)
                           .where(SignatureStep.signer == login)
                           .order_by(SignatureCircuit.started_at.desc())).all()
    waiting = [get_circuit(session, cid) for cid, state in rows if state == StepState.PENDING]
    done = [get_circuit(session, cid) for cid, state in rows
            if state in (StepState.SIGNED, StepState.REJECTED)]
    return waiting, done


def lock_pending_step(session: Session, circuit_id: str,
                      signer: str) -> tuple[SignatureCircuit, SignatureStep]:
    """The circuit (locked) and ``signer``'s step, which must be in the tray now."""
    circuit = session.get(SignatureCircuit, circuit_id, with_for_update=True)
    step = None if circuit is None else session.scalar(select(SignatureStep).filter_by(
        circuit_id=circuit.id, signer=signer))
    if circuit is None or step is None:
        raise UnknownCircuit()
    if circuit.state != CircuitState.PENDING or step.state != StepState.PENDING:
        raise NotYourTurn()
    return circuit, step


def reject_in_tray(session: Session, circuit_id: str, *, signer: str,
                   reason: str) -> CircuitView:
    """``signer`` rejects the document with ``reason``: the circuit ends (audited)."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(errors=[FieldError("reason", "say why", "required")])
    circuit, step = lock_pending_step(session, circuit_id, signer)
    now = utcnow()
    step.state, step.acted_at, step.reason = StepState.REJECTED.value, now, reason[:MAX_REASON]
    steps = list(session.scalars(select(SignatureStep).filter_by(circuit_id=circuit.id)
                                 .order_by(SignatureStep.position)))
    for other, state in zip(steps, after_rejection([StepState(s.state) for s in steps]),
                            strict=True):
        other.state = state.value
    circuit.state, circuit.finished_at = CircuitState.REJECTED.value, now
    session.flush()
    from eoffice.documents.tray.signing import announce_finished  # noqa: PLC0415 - cycle

    announce_finished(session, circuit, last_signer=signer, reason=step.reason)
    audit.record_event(session, "documents.rejected_in_tray", actor=signer,
                       object_type="document", object_id=circuit.document_id,
                       unit_code=circuit.unit_code,
                       data={"circuit": circuit.id, "reason": step.reason})
    return get_circuit(session, circuit.id)
