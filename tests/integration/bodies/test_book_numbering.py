"""Decrees in the real signature tray: a registered resolution of the mayor takes the
next number of the mayor's book when its last signature is applied; rejected or left
unsigned, it takes none; the completing signature of someone without competence is
refused and leaves everything as it was; the book's year is the city's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import bodies, documents
from eoffice.audit.models import AuditEvent
from eoffice.bodies import NoCompetence, ResolutionView
from eoffice.bodies.models import Body, ResolutionCounter
from eoffice.shared.clock import frozen_at

PROCEDURE = "public-information-access"  # demo: the mayor resolves it, nobody by delegation


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def decree(db: Session, signers: list[str], *, procedure: str = PROCEDURE,
           title: str = "Decreto de acceso a la información",
           unit: str = "URB") -> documents.CircuitView:
    """A decree drafted in ``unit`` (whose head signs reports), registered in the book,
    sent round ``signers``."""
    draft = documents.DraftResolution(title=title, text="Se resuelve conceder el acceso.",
                                      unit_code=unit, file_number="TRA/2026/7")
    document_id = documents.record_draft_resolution(db, draft, actor="clerk")
    bodies.register_resolution(db, document_id=document_id, procedure_code=procedure,
                               title=title, actor="clerk", file_number="TRA/2026/7")
    return documents.start_circuit(db, document_id=document_id, signers=signers,
                                   actor="clerk")


def sign(db: Session, circuit: documents.CircuitView, login: str) -> documents.CircuitView:
    prepared = documents.prepare_tray_signature(db, circuit.id, signer=login)
    return documents.record_tray_signature(db, prepared)


def resolution_of(db: Session, circuit: documents.CircuitView) -> ResolutionView:
    found = bodies.find_resolution_by_document(db, circuit.document_id)
    assert found is not None
    return found


def last_number(db: Session, body: str, year: int) -> int:
    body_id = db.scalar(select(Body.id).where(Body.key == body))
    counter = db.get(ResolutionCounter, (body_id, year))
    return counter.last_number if counter else 0


def test_a_decree_signed_by_the_mayor_takes_the_next_number_of_the_mayors_book(
        db: Session, in_app: None) -> None:
    circuit = decree(db, ["mayor"])
    assert resolution_of(db, circuit).state == "pending"
    assert resolution_of(db, circuit).number is None
    with frozen_at(datetime(2026, 12, 4, 10, 0, tzinfo=UTC)):
        before = last_number(db, "mayor", 2026)
        assert sign(db, circuit, "mayor").state == "signed"
    numbered = resolution_of(db, circuit)
    assert (numbered.state, numbered.year, numbered.number) == ("signed", 2026, before + 1)
    assert numbered.book_number == f"2026/{before + 1}"
    assert (numbered.signed_by, numbered.acting_body_key, numbered.by_delegation) == (
        "mayor", "mayor", False)
    event = db.scalar(select(AuditEvent).where(
        AuditEvent.action == "bodies.resolution_numbered",
        AuditEvent.object_id == numbered.id))
    assert event is not None and event.data["number"] == before + 1


def test_a_rejected_decree_takes_no_number_and_the_next_one_takes_the_next(
        db: Session, in_app: None) -> None:
    with frozen_at(datetime(2026, 12, 4, 10, 0, tzinfo=UTC)):
        before = last_number(db, "mayor", 2026)
        rejected = decree(db, ["mayor"], title="Decreto que se rechaza")
        documents.reject_in_tray(db, rejected.id, signer="mayor", reason="Falta el informe")
        signed = decree(db, ["mayor"], title="Decreto que se firma")
        sign(db, signed, "mayor")
    assert (resolution_of(db, rejected).state, resolution_of(db, rejected).number) == (
        "rejected", None)
    assert resolution_of(db, signed).number == before + 1


def test_an_unsigned_decree_consumes_no_number(db: Session, in_app: None) -> None:
    with frozen_at(datetime(2026, 12, 4, 10, 0, tzinfo=UTC)):
        before = last_number(db, "mayor", 2026)
        waiting = decree(db, ["head", "mayor"])
        sign(db, waiting, "head")  # the report before the decree: not yet the last one
    assert resolution_of(db, waiting).number is None
    assert last_number(db, "mayor", 2026) == before


def test_a_report_signed_before_the_decree_is_not_checked_the_decree_is(
        db: Session, in_app: None) -> None:
    circuit = decree(db, ["head", "mayor"])
    sign(db, circuit, "head")  # head is not competent, but does not complete the circuit
    assert sign(db, circuit, "mayor").state == "signed"
    assert resolution_of(db, circuit).signed_by == "mayor"


def test_a_signer_without_competence_is_refused_and_nothing_is_numbered(
        db: Session, in_app: None) -> None:
    with frozen_at(datetime(2026, 12, 4, 10, 0, tzinfo=UTC)):
        before = last_number(db, "mayor", 2026)
        circuit = decree(db, ["head"])  # head of URB: signs resolutions, but not the mayor's
        with pytest.raises(NoCompetence) as refused:
            documents.prepare_tray_signature(db, circuit.id, signer="head")
    assert "You do not hold Mayor" in str(refused.value.detail)
    view = documents.get_circuit(db, circuit.id)
    assert (view.state, view.current_version) == ("pending", 1)
    assert resolution_of(db, circuit).state == "pending"
    assert last_number(db, "mayor", 2026) == before


def test_the_year_of_the_book_is_the_citys_new_year(db: Session, in_app: None) -> None:
    circuit = decree(db, ["mayor"])
    # 23:30 UTC on 31 December 2031 is already 1 January 2032 in Madrid
    with frozen_at(datetime(2031, 12, 31, 23, 30, tzinfo=UTC)):
        sign(db, circuit, "mayor")
    assert (resolution_of(db, circuit).year, resolution_of(db, circuit).number) == (2032, 1)


def test_registering_needs_a_single_person_competent_body(db: Session, in_app: None) -> None:
    draft = documents.DraftResolution(title="Subvención", text="Se concede.", unit_code="CUL")
    document_id = documents.record_draft_resolution(db, draft, actor="clerk")
    for procedure in ("cultural-subsidy", "minor-works"):  # collegiate; none set
        with pytest.raises(bodies.InvalidBodyData) as refused:
            bodies.register_resolution(db, document_id=document_id,
                                       procedure_code=procedure, title="Subvención",
                                       actor="clerk")
        assert refused.value.errors[0].code == "no_single_person_body"
    assert bodies.find_resolution_by_document(db, document_id) is None


def test_registering_the_same_document_twice_gives_the_same_pending_resolution(
        db: Session, in_app: None) -> None:
    circuit = decree(db, ["mayor"])
    again = bodies.register_resolution(db, document_id=circuit.document_id,
                                       procedure_code=PROCEDURE, title="Otra vez",
                                       actor="clerk")
    assert again.id == resolution_of(db, circuit).id and again.state == "pending"


def test_an_unknown_document_is_not_registered(db: Session, in_app: None) -> None:
    with pytest.raises(documents.UnknownDocument):
        bodies.register_resolution(db, document_id="no-such-document",
                                   procedure_code=PROCEDURE, title="Nada", actor="clerk")
