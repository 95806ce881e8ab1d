"""Signing in the tray: the official's personal PAdES B-T signature over the current
version, prepared outside any transaction (the TSA answers then) and recorded as a new
version of the document, never a change in place. A circuit that ends (signed, or
rejected in the tray) is announced on the outbox (``documents.circuit_finished``) in the
same transaction, for the process waiting for it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.documents.domain import SignatureKind, SignatureLevel
from eoffice.documents.errors import SigningKeyUnavailable
from eoffice.documents.models import (
    Document,
    DocumentSignature,
    DocumentVersion,
    SignatureCircuit,
    SignatureStep,
)
from eoffice.documents.pki.devpki import TEST_MARK
from eoffice.documents.runtime import DocumentsRuntime, current_runtime
from eoffice.documents.signing.keys import KeySource, load_signer
from eoffice.documents.signing.pades import SignatureRequest, sign_pdf_bytes
from eoffice.documents.tray.circuits import CircuitView, get_circuit, lock_pending_step
from eoffice.documents.tray.domain import StepState, after_signature
from eoffice.documents.tray.errors import NotYourTurn
from eoffice.documents.tray.hooks import (
    CircuitEnded,
    SignatureAttempt,
    check_signature,
    circuit_ended,
)
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow

PDF = "application/pdf"
TRAY_LEVEL = SignatureLevel.B_T
CIRCUIT_FINISHED_TOPIC = "documents.circuit_finished"


@dataclass(frozen=True)
class PreparedTraySignature:
    """Signed bytes (already in the blob store) over version ``base_version``."""

    circuit_id: str
    signer: str
    base_version: int
    sha256: str
    size: int
    signed_at: datetime
    signer_name: str
    certificate_sha256: str


class VersionChanged(NotYourTurn):
    """Another signer's version was recorded meanwhile (parallel circuits): sign again."""


def official_key(runtime: DocumentsRuntime, login: str) -> KeySource:
    """The key of the official ``login`` (never another PKCS#12 found on disk: the test
    PKI also holds the demo citizens' certificates)."""
    source = runtime.officials.get(login)
    if source is None:
        raise SigningKeyUnavailable(f"no signing key for {login!r}")
    return source


def prepare_tray_signature(session: Session, circuit_id: str, *, signer: str,
                           runtime: DocumentsRuntime | None = None) -> PreparedTraySignature:
    """Sign the current version as ``signer`` and store the bytes; records nothing.
    ``session`` is only read: call it with a reader, not inside the unit of work."""
    runtime = runtime or current_runtime()
    view = get_circuit(session, circuit_id)
    step = view.step_of(signer)
    if step is None:
        raise NotYourTurn()
    if view.state != "pending" or step.state != StepState.PENDING:
        raise NotYourTurn()
    check_signature(session, SignatureAttempt(
        circuit_id=view.id, document_id=view.document_id, unit_code=view.unit_code,
        signer=signer, completes=all(other.state == StepState.SIGNED
                                     for other in view.steps if other is not step)))
    version = session.scalar(select(DocumentVersion).filter_by(
        document_id=view.document_id, number=view.current_version))
    assert version is not None
    key = load_signer(official_key(runtime, signer))
    signed = sign_pdf_bytes(runtime.store.read_bytes(version.sha256), key, SignatureRequest(
        level=TRAY_LEVEL, field_name=f"Signature-{step.position}-{signer}",
        reason=view.title, location=runtime.city, tsa_url=runtime.tsa_url,
        trust_roots=runtime.trust_roots))
    runtime.store.put_bytes(signed)
    cert = key.signing_cert
    subject = cert.subject if cert else None
    name = str(subject.native.get("common_name") or subject.human_friendly) if subject else signer
    return PreparedTraySignature(
        circuit_id=circuit_id, signer=signer, base_version=version.number,
        sha256=hashlib.sha256(signed).hexdigest(), size=len(signed), signed_at=utcnow(),
        signer_name=name,
        certificate_sha256=hashlib.sha256(cert.dump()).hexdigest() if cert else "")


def record_tray_signature(session: Session, prepared: PreparedTraySignature) -> CircuitView:
    """Record the prepared signature as a new version, move the circuit on (audited).
    NotYourTurn when the step was acted on meanwhile (a double click signs once);
    VersionChanged when another signature was recorded first."""
    circuit, step = lock_pending_step(session, prepared.circuit_id, prepared.signer)
    document = session.get(Document, circuit.document_id, with_for_update=True)
    assert document is not None
    if document.current_version != prepared.base_version:
        raise VersionChanged()
    others = session.scalars(select(SignatureStep.state).where(
        SignatureStep.circuit_id == circuit.id, SignatureStep.id != step.id))
    check_signature(session, SignatureAttempt(
        circuit_id=circuit.id, document_id=circuit.document_id, unit_code=circuit.unit_code,
        signer=prepared.signer, completes=all(state == StepState.SIGNED for state in others)))
    number = document.current_version + 1
    version = DocumentVersion(
        document_id=document.id, number=number, sha256=prepared.sha256, size=prepared.size,
        media_type=PDF, pdfa_conforms=True, attachments=[], created_at=prepared.signed_at,
        created_by=prepared.signer)
    session.add(version)
    document.current_version = number
    session.flush()
    session.add(DocumentSignature(
        version_id=version.id, kind=SignatureKind.PERSONAL.value, level=TRAY_LEVEL.value,
        signer=prepared.signer_name, certificate_sha256=prepared.certificate_sha256,
        signed_at=prepared.signed_at, test_pki=TEST_MARK in prepared.signer_name))
    step.state, step.acted_at, step.version_number = (
        StepState.SIGNED.value, prepared.signed_at, number)
    _move_on(session, circuit, prepared.signer)
    session.flush()
    audit.record_event(session, "documents.signed_in_tray", actor=prepared.signer,
                       object_type="document", object_id=document.id,
                       unit_code=document.unit_code,
                       data={"circuit": circuit.id, "version": number,
                             "sha256": prepared.sha256, "signer": prepared.signer_name})
    return get_circuit(session, circuit.id)


def _move_on(session: Session, circuit: SignatureCircuit, signer: str) -> None:
    session.flush()
    steps = list(session.scalars(select(SignatureStep).filter_by(circuit_id=circuit.id)
                                 .order_by(SignatureStep.position)))
    states, circuit_state = after_signature([StepState(s.state) for s in steps])
    for step, state in zip(steps, states, strict=True):
        step.state = state.value
    circuit.state = circuit_state.value
    if circuit_state != "pending":
        circuit.finished_at = utcnow()
        announce_finished(session, circuit, last_signer=signer)


def announce_finished(session: Session, circuit: SignatureCircuit, *,
                      last_signer: str, reason: str | None = None) -> None:
    """Run the finishing hooks, then publish ``documents.circuit_finished`` (circuit,
    document, state: signed or rejected, the rejection's reason, unit) in the caller's
    transaction, once per circuit."""
    circuit_ended(session, CircuitEnded(
        circuit_id=circuit.id, document_id=circuit.document_id, unit_code=circuit.unit_code,
        state=circuit.state, last_signer=last_signer, reason=reason))
    outbox.enqueue(session, CIRCUIT_FINISHED_TOPIC,
                   {"circuit": circuit.id, "document": circuit.document_id,
                    "state": circuit.state, "reason": reason, "unit": circuit.unit_code},
                   dedup_key=f"{CIRCUIT_FINISHED_TOPIC}:{circuit.id}")
