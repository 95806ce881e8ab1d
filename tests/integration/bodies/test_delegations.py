"""Delegations of competence in the real tray: the councillor signs the mayor's decrees of
a delegated procedure while the delegation is in force (numbered in the mayor's book,
"by delegation"); once it has ended or been revoked, her signature is refused with the
reason, nothing is numbered and the circuit keeps waiting. Overlapping delegations of
the same competence, and delegations of what the body may not delegate, are refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import bodies, documents
from eoffice.bodies import InvalidBodyData, NewDelegation, NoCompetence, UnknownBody
from eoffice.shared.clock import frozen_at
from tests.integration.bodies.test_book_numbering import decree, resolution_of, sign

REMOVAL = "removal-road-occupancy"  # demo: the mayor's, delegated to the councillor
ACCESS = "public-information-access"  # demo: the mayor's, not delegated
#: 10:00 in Madrid on Friday 4 December 2026
TODAY = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def delegate_access(db: Session, *, valid_from: date = date(2026, 1, 1),
                    valid_to: date | None = None, reference: str = "Decreto 2026/99",
                    procedure: str | None = ACCESS) -> int:
    new = NewDelegation(delegating_body="mayor", delegate_body="councillor_public_space",
                        procedure_code=procedure, valid_from=valid_from, valid_to=valid_to,
                        reference=reference)
    return bodies.create_delegation(db, new, actor="admin").id


def test_the_councillor_signs_a_delegated_decree_numbered_in_the_mayors_book(
        db: Session, in_app: None) -> None:
    with frozen_at(TODAY):
        assert bodies.resolving_signer(db, REMOVAL) == "councillor"
        circuit = decree(db, ["councillor"], unit="ODP", procedure=REMOVAL,
                         title="Retirada de mesas")
        assert sign(db, circuit, "councillor").state == "signed"
    numbered = resolution_of(db, circuit)
    assert (numbered.state, numbered.body_key, numbered.acting_body_key) == (
        "signed", "mayor", "councillor_public_space")
    assert numbered.by_delegation and numbered.signed_by == "councillor"
    assert numbered.year == 2026 and numbered.number is not None


def test_a_delegation_that_ended_yesterday_refuses_the_delegates_signature_today(
        db: Session, in_app: None) -> None:
    delegate_access(db, valid_to=date(2026, 12, 3))
    with frozen_at(TODAY):
        circuit = decree(db, ["councillor"], unit="ODP", procedure=ACCESS)
        with pytest.raises(NoCompetence) as refused:
            documents.prepare_tray_signature(db, circuit.id, signer="councillor")
    assert refused.value.detail == (
        "Your delegation Decreto 2026/99 ended on 3 December 2026.")
    assert refused.value.problem()["code"] == "bodies.no_competence"
    view = documents.get_circuit(db, circuit.id)
    assert (view.state, view.current_version) == ("pending", 1)
    assert (resolution_of(db, circuit).state, resolution_of(db, circuit).number) == (
        "pending", None)


def test_the_day_before_it_ended_the_same_delegation_let_her_sign(
        db: Session, in_app: None) -> None:
    delegate_access(db, valid_to=date(2026, 12, 4))  # its last day is today
    with frozen_at(TODAY):
        assert bodies.resolving_signer(db, ACCESS) == "councillor"
        circuit = decree(db, ["councillor"], unit="ODP", procedure=ACCESS)
        assert sign(db, circuit, "councillor").state == "signed"
    assert resolution_of(db, circuit).by_delegation


def test_a_delegation_ending_between_preparing_and_recording_refuses_the_record(
        db: Session, in_app: None) -> None:
    delegate_access(db, valid_to=date(2026, 12, 4))
    with frozen_at(datetime(2026, 12, 4, 22, 59, tzinfo=UTC)):  # 23:59 in Madrid
        circuit = decree(db, ["councillor"], unit="ODP", procedure=ACCESS)
        prepared = documents.prepare_tray_signature(db, circuit.id, signer="councillor")
    with frozen_at(datetime(2026, 12, 4, 23, 1, tzinfo=UTC)), pytest.raises(NoCompetence):
        documents.record_tray_signature(db, prepared)  # 00:01 on the 5th: it has ended
    assert resolution_of(db, circuit).number is None


def test_a_revoked_delegation_refuses_her_signature_and_the_mayor_signs_again(
        db: Session, in_app: None) -> None:
    delegation = delegate_access(db)
    with frozen_at(TODAY):
        bodies.revoke_delegation(db, delegation, actor="admin")
        assert bodies.resolving_signer(db, ACCESS) == "mayor"
        circuit = decree(db, ["councillor"], unit="ODP", procedure=ACCESS)
        with pytest.raises(NoCompetence) as refused:
            documents.prepare_tray_signature(db, circuit.id, signer="councillor")
    assert refused.value.detail == (
        "Your delegation Decreto 2026/99 was revoked on 4 December 2026.")
    with pytest.raises(InvalidBodyData):
        bodies.revoke_delegation(db, delegation, actor="admin")  # once is enough


def test_a_delegation_that_starts_tomorrow_does_not_let_her_sign_today(
        db: Session, in_app: None) -> None:
    delegate_access(db, valid_from=date(2026, 12, 5))
    with frozen_at(TODAY):
        assert bodies.resolving_signer(db, ACCESS) == "mayor"
        circuit = decree(db, ["councillor"], unit="ODP", procedure=ACCESS)
        with pytest.raises(NoCompetence, match="starts on 5 December 2026"):
            documents.prepare_tray_signature(db, circuit.id, signer="councillor")


def test_overlapping_delegations_of_the_same_competence_are_refused(
        db: Session, in_app: None) -> None:
    delegate_access(db, valid_from=date(2026, 1, 1), valid_to=date(2026, 6, 30))
    for valid_from, valid_to, procedure in [
            (date(2026, 6, 30), None, ACCESS),  # shares its last day
            (date(2025, 1, 1), date(2026, 1, 1), ACCESS),  # shares its first day
            (date(2026, 3, 1), date(2026, 3, 31), None),  # every competence covers it
    ]:
        with pytest.raises(InvalidBodyData) as refused:
            delegate_access(db, valid_from=valid_from, valid_to=valid_to,
                            procedure=procedure, reference="Decreto 2026/120")
        assert refused.value.errors[0].code == "overlap"
    delegate_access(db, valid_from=date(2026, 7, 1), reference="Decreto 2026/121")


def test_delegations_of_what_the_body_may_not_delegate_are_refused(
        db: Session, in_app: None) -> None:
    cases: list[tuple[dict[str, object], str]] = [
        (dict(procedure_code="cultural-subsidy"), "not_competent"),  # the board's
        (dict(procedure_code="no-such-procedure"), "unknown_procedure"),
        (dict(delegate_body="mayor"), "same_body"),
        (dict(delegate_body="local_board"), "collegiate"),
        (dict(valid_to=date(2025, 12, 31)), "reversed"),
        (dict(reference="  "), "required"),
    ]
    for change, code in cases:
        values: dict[str, object] = dict(
            delegating_body="mayor", delegate_body="councillor_public_space",
            procedure_code=ACCESS, valid_from=date(2026, 1, 1), valid_to=None,
            reference="Decreto 2026/130")
        values.update(change)
        with pytest.raises(InvalidBodyData) as refused:
            bodies.create_delegation(db, NewDelegation(**values), actor="admin")  # type: ignore[arg-type]
        assert refused.value.errors[0].code == code, change
    with pytest.raises(UnknownBody):
        bodies.create_delegation(db, NewDelegation(
            delegating_body="mayor", delegate_body="no_such_body", procedure_code=ACCESS,
            valid_from=date(2026, 1, 1), valid_to=None, reference="Decreto 2026/131"),
            actor="admin")


def test_someone_who_never_held_anything_is_told_who_is_competent(
        db: Session, in_app: None) -> None:
    with frozen_at(TODAY):
        circuit = decree(db, ["secretary"], procedure=ACCESS)
        with pytest.raises(NoCompetence) as refused:
            documents.prepare_tray_signature(db, circuit.id, signer="secretary")
    assert refused.value.detail == (
        "You do not hold Mayor, the competent body, and no delegation in force today lets "
        "you sign for it.")
