"""Signature circuits on a real database and the test PKI: who may sign, in which order,
and what signing and rejecting leave behind (versions, signatures, audit events)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.audit.models import AuditEvent
from eoffice.documents import CircuitMode, DocumentsRuntime
from eoffice.documents.tray.signing import VersionChanged

TEXT = "Se concede la licencia.\n\nNotifíquese a la persona interesada."


def _draft(db: Session, runtime: DocumentsRuntime, unit: str = "URB") -> str:
    draft = documents.DraftResolution(title="Licencia de obras 12/2026", text=TEXT,
                                      unit_code=unit)
    return documents.record_draft_resolution(db, draft, actor="clerk", runtime=runtime)


def _start(db: Session, runtime: DocumentsRuntime, signers: list[str],
           mode: CircuitMode = CircuitMode.SEQUENTIAL) -> documents.CircuitView:
    return documents.start_circuit(db, document_id=_draft(db, runtime), signers=signers,
                                   mode=mode, actor="clerk")


def _sign(db: Session, runtime: DocumentsRuntime, circuit_id: str,
          signer: str) -> documents.CircuitView:
    prepared = documents.prepare_tray_signature(db, circuit_id, signer=signer,
                                                runtime=runtime)
    return documents.record_tray_signature(db, prepared)


def _states(view: documents.CircuitView) -> dict[str, str]:
    return {step.signer: step.state for step in view.steps}


def test_a_sequential_circuit_signed_by_both_officials_has_a_version_per_signature(
        db: Session, runtime: DocumentsRuntime) -> None:
    circuit = _start(db, runtime, ["head", "mayor"])
    assert _states(circuit) == {"head": "pending", "mayor": "waiting"}
    after_head = _sign(db, runtime, circuit.id, "head")
    assert _states(after_head) == {"head": "signed", "mayor": "pending"}
    done = _sign(db, runtime, circuit.id, "mayor")
    assert done.state == "signed" and done.finished_at is not None
    document = documents.get_document(db, done.document_id)
    assert [v.number for v in document.versions] == [1, 2, 3]
    content = runtime.store.read_bytes(document.current.sha256)
    report = documents.validate_pdf(content, trust_roots=runtime.trust_roots)
    assert len(report.signatures) == 2
    assert all(s.intact and s.cryptographically_valid and s.trusted for s in report.signatures)
    # the later signature is form filling for the earlier one: both stay valid
    assert [s.valid for s in report.signatures] == [True, True]
    assert "Head of urban planning" in (report.signatures[0].signer or "")
    assert "Mayor" in (report.signatures[1].signer or "")


def test_a_parallel_circuit_is_signed_only_when_every_signer_has_signed(
        db: Session, runtime: DocumentsRuntime) -> None:
    circuit = _start(db, runtime, ["mayor", "head"], CircuitMode.PARALLEL)
    assert _states(circuit) == {"head": "pending", "mayor": "pending"}
    assert _sign(db, runtime, circuit.id, "mayor").state == "pending"
    assert _sign(db, runtime, circuit.id, "head").state == "signed"


def test_a_parallel_signature_over_an_older_version_is_refused_so_none_is_lost(
        db: Session, runtime: DocumentsRuntime) -> None:
    circuit = _start(db, runtime, ["mayor", "head"], CircuitMode.PARALLEL)
    late = documents.prepare_tray_signature(db, circuit.id, signer="head", runtime=runtime)
    _sign(db, runtime, circuit.id, "mayor")
    with pytest.raises(VersionChanged):
        documents.record_tray_signature(db, late)


def test_signing_out_of_turn_in_a_sequential_circuit_is_refused(
        db: Session, runtime: DocumentsRuntime) -> None:
    circuit = _start(db, runtime, ["head", "mayor"])
    with pytest.raises(documents.NotYourTurn):
        _sign(db, runtime, circuit.id, "mayor")
    assert documents.get_document(db, circuit.document_id).current.number == 1


def test_rejecting_ends_the_circuit_and_skips_the_signers_after(
        db: Session, runtime: DocumentsRuntime) -> None:
    circuit = _start(db, runtime, ["head", "mayor"])
    rejected = documents.reject_in_tray(db, circuit.id, signer="head",
                                        reason="Falta el informe técnico")
    assert rejected.state == "rejected"
    assert _states(rejected) == {"head": "rejected", "mayor": "skipped"}
    events = db.scalars(select(AuditEvent).where(
        AuditEvent.object_id == circuit.document_id)).all()
    rejection = [e for e in events if e.action == "documents.rejected_in_tray"]
    assert rejection[0].data["reason"] == "Falta el informe técnico"


def test_rejecting_without_a_reason_changes_nothing(
        db: Session, runtime: DocumentsRuntime) -> None:
    circuit = _start(db, runtime, ["head"])
    with pytest.raises(documents.ReasonRequired):
        documents.reject_in_tray(db, circuit.id, signer="head", reason="   ")
    assert documents.get_circuit(db, circuit.id) == circuit


@pytest.mark.parametrize("signers", [["clerk"], ["head", "head"], [], ["nobody"]])
def test_only_officials_who_sign_in_the_unit_can_be_signers(
        db: Session, runtime: DocumentsRuntime, signers: list[str]) -> None:
    with pytest.raises(documents.InvalidCircuit):
        _start(db, runtime, signers)


def test_the_head_of_urban_planning_cannot_sign_for_another_unit(
        db: Session, runtime: DocumentsRuntime) -> None:
    document_id = _draft(db, runtime, unit="HAC")
    with pytest.raises(documents.InvalidCircuit):
        documents.start_circuit(db, document_id=document_id, signers=["head"], actor="clerk")
    circuit = documents.start_circuit(db, document_id=document_id, signers=["mayor"],
                                      actor="clerk")
    assert circuit.unit_code == "HAC"
