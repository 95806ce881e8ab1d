"""What other contexts hook into the signature tray: a guard that refuses a signature
leaves the document unsigned and the circuit waiting; a finishing hook sees the end of a
circuit (signed or rejected, who acted last) in the same transaction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.documents import CircuitEnded, CircuitMode, DocumentsRuntime, SignatureAttempt
from eoffice.documents.tray import hooks
from eoffice.shared.errors import DomainError


class Refused(DomainError):
    code = "tests.refused_signature"
    status = 403


@pytest.fixture
def seen() -> Iterator[list[object]]:
    calls: list[object] = []

    def guard(session: Session, attempt: SignatureAttempt) -> None:
        calls.append(attempt)
        if attempt.signer == "mayor" and attempt.completes:
            raise Refused()

    documents.register_signature_guard("tests.guard", guard)
    documents.register_finishing_hook("tests.hook", lambda session, ended: calls.append(ended))
    yield calls
    hooks._guards.pop("tests.guard", None)
    hooks._finishing.pop("tests.hook", None)


def _circuit(db: Session, runtime: DocumentsRuntime, signers: list[str],
             mode: CircuitMode = CircuitMode.SEQUENTIAL) -> documents.CircuitView:
    draft = documents.DraftResolution(title="Decreto de prueba", text="Se resuelve.",
                                      unit_code="URB")
    document_id = documents.record_draft_resolution(db, draft, actor="clerk", runtime=runtime)
    return documents.start_circuit(db, document_id=document_id, signers=signers, mode=mode,
                                   actor="clerk")


def test_a_refused_completing_signature_leaves_the_circuit_waiting(
        db: Session, runtime: DocumentsRuntime, seen: list[object]) -> None:
    circuit = _circuit(db, runtime, ["head", "mayor"])
    prepared = documents.prepare_tray_signature(db, circuit.id, signer="head", runtime=runtime)
    documents.record_tray_signature(db, prepared)
    with pytest.raises(Refused):
        documents.prepare_tray_signature(db, circuit.id, signer="mayor", runtime=runtime)
    view = documents.get_circuit(db, circuit.id)
    assert view.state == "pending" and view.current_version == 2
    attempts = [call for call in seen if isinstance(call, SignatureAttempt)]
    assert [(a.signer, a.completes) for a in attempts] == [
        ("head", False), ("head", False), ("mayor", True)]
    assert not [call for call in seen if isinstance(call, CircuitEnded)]


def test_the_guard_runs_again_when_the_signature_is_recorded(
        db: Session, runtime: DocumentsRuntime, seen: list[object]) -> None:
    circuit = _circuit(db, runtime, ["head"])
    prepared = documents.prepare_tray_signature(db, circuit.id, signer="head", runtime=runtime)
    closing_time = {"now": True}

    def refuse_late(session: Session, attempt: SignatureAttempt) -> None:
        if closing_time["now"]:
            raise Refused()  # e.g. the signer's delegation ended meanwhile

    documents.register_signature_guard("tests.late", refuse_late)
    try:
        with pytest.raises(Refused):
            documents.record_tray_signature(db, prepared)
    finally:
        hooks._guards.pop("tests.late", None)
    view = documents.get_circuit(db, circuit.id)
    assert view.state == "pending" and view.current_version == 1


def test_finishing_hooks_see_the_signed_end_and_the_last_signer(
        db: Session, runtime: DocumentsRuntime, seen: list[object]) -> None:
    circuit = _circuit(db, runtime, ["head"])
    documents.record_tray_signature(db, documents.prepare_tray_signature(
        db, circuit.id, signer="head", runtime=runtime))
    ended = [call for call in seen if isinstance(call, CircuitEnded)]
    assert [(e.circuit_id, e.state, e.last_signer) for e in ended] == [
        (circuit.id, "signed", "head")]


def test_finishing_hooks_see_a_rejection_with_its_reason(
        db: Session, runtime: DocumentsRuntime, seen: list[object]) -> None:
    circuit = _circuit(db, runtime, ["head", "mayor"])
    documents.reject_in_tray(db, circuit.id, signer="head", reason="Falta el informe")
    ended = [call for call in seen if isinstance(call, CircuitEnded)]
    assert [(e.state, e.last_signer, e.reason) for e in ended] == [
        ("rejected", "head", "Falta el informe")]
