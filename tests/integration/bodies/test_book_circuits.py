"""Which circuit and which signature resolve a decree: the mayor may sign first and
another official after her (for the record), and a second circuit started on the decree's
document neither signs it without competence nor steals its number."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import bodies, documents, identity
from eoffice.bodies import NoCompetence
from eoffice.shared.clock import frozen_at
from tests.integration.bodies.test_book_numbering import PROCEDURE, resolution_of, sign


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def bound_decree(db: Session, signers: list[str]) -> documents.CircuitView:
    """A decree registered and bound to its circuit, as the resolution subprocess does."""
    draft = documents.DraftResolution(title="Decreto de acceso", text="Se concede.",
                                      unit_code="URB", file_number="TRA/2026/9")
    document_id = documents.record_draft_resolution(db, draft, actor="clerk")
    resolution = bodies.register_resolution(db, document_id=document_id,
                                            procedure_code=PROCEDURE, title="Decreto",
                                            actor="clerk")
    circuit = documents.start_circuit(db, document_id=document_id, signers=signers,
                                      actor="clerk")
    bodies.bind_circuit(db, resolution.id, circuit.id)
    return circuit


def test_the_mayor_signs_first_and_the_head_completes_the_circuit_for_the_record(
        in_app: None, db: Session) -> None:
    circuit = bound_decree(db, ["mayor", "head"])
    sign(db, circuit, "mayor")
    sign(db, circuit, "head")
    numbered = resolution_of(db, circuit)
    assert numbered.state == "signed" and numbered.number is not None
    assert numbered.signed_by == "mayor"


def test_nobody_competent_in_the_circuit_is_refused_at_the_end(
        in_app: None, db: Session) -> None:
    identity.assign_role(db, identity.get_account(db, "head2"), "head", unit_code="URB",
                         actor="test")  # a second head who signs reports in URB
    db.flush()
    circuit = bound_decree(db, ["head2", "head"])
    sign(db, circuit, "head2")
    with pytest.raises(NoCompetence):
        sign(db, circuit, "head")
    assert resolution_of(db, circuit).state == "pending"


def test_another_circuit_on_the_decree_cannot_sign_it_nor_take_its_number(
        in_app: None, db: Session) -> None:
    circuit = bound_decree(db, ["mayor"])
    other = documents.start_circuit(db, document_id=circuit.document_id, signers=["mayor"],
                                    actor="clerk")  # competent, but not the decree's circuit
    with pytest.raises(NoCompetence):
        sign(db, other, "mayor")
    third = documents.start_circuit(db, document_id=circuit.document_id, signers=["head"],
                                    actor="clerk")
    documents.reject_in_tray(db, third.id, signer="head", reason="No es mío")
    assert resolution_of(db, circuit).state == "pending"
    sign(db, circuit, "mayor")
    numbered = resolution_of(db, circuit)
    assert numbered.state == "signed" and numbered.number is not None


def test_a_decree_the_mayor_signs_in_december_is_in_that_years_book_and_date(
        in_app: None, db: Session) -> None:
    circuit = bound_decree(db, ["mayor", "head"])
    with frozen_at(datetime(2026, 12, 31, 12, 0, tzinfo=UTC)):
        sign(db, circuit, "mayor")
    with frozen_at(datetime(2027, 1, 4, 9, 0, tzinfo=UTC)):
        sign(db, circuit, "head")  # for the record, after the new year
    numbered = resolution_of(db, circuit)
    assert (numbered.year, numbered.signed_by) == (2026, "mayor")
    assert numbered.signed_at == datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
