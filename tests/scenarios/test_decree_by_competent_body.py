"""The common subprocess ``resolution`` for a procedure whose competent body is the
mayor: the clerk's draft is a decree, registered in the book of resolutions and sent to
the tray of whoever resolves the procedure today — the mayor, or for
``removal-road-occupancy`` the councillor for public space by delegation — and, signed,
it takes the next number of the mayor's book. Rejected, it takes none and goes back to
the clerk; the redrafted decree is registered and numbered in its place."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from eoffice import bodies, documents
from tests.scenarios import steps


def _decree_drafted(app: Flask, db: Session, *, procedure: str, unit: str, clerk: str,
                    text: str) -> str:
    file_id = steps.open_file(app, db, procedure=procedure, case="standard", unit=unit,
                              subject=f"{procedure}: Carrer Major 3")
    steps.start_caller(db, file_id, "resolution", unit=unit)
    assert steps.waiting_task(db, file_id) == ("Task_draft_resolution", unit, "clerk")
    steps.complete(db, file_id, "Task_draft_resolution", clerk, decision="granted",
                   resolution_text=text)
    return file_id


def _in_tray(db: Session, login: str) -> int:
    waiting, _done = documents.list_tray(db, login)
    return len(waiting)


def test_the_mayor_signs_the_decree_and_the_book_numbers_it(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _decree_drafted(app, db, procedure="public-information-access", unit="URB",
                              clerk="clerk", text="The plans of Carrer Major are given.")
    circuit = steps.waiting_circuit(db, "mayor")
    assert _in_tray(db, "head") == 0  # not the head of the unit any more
    pending = bodies.find_resolution_by_document(db, circuit.document_id)
    assert pending is not None
    assert (pending.body_key, pending.state, pending.number) == ("mayor", "pending", None)

    steps.sign_in_tray(app, db, "mayor")
    signed = bodies.find_resolution_by_document(db, circuit.document_id)
    assert signed is not None and signed.state == "signed" and signed.number is not None
    assert (signed.signed_by, signed.by_delegation) == ("mayor", False)
    assert signed.file_number == steps.file_row(db, file_id).number
    assert steps.signed_resolution(db, file_id).id == circuit.document_id
    assert steps.file_row(db, file_id).phase == "resolved"
    assert steps.waiting_task(db, file_id)[0] == "Task_after"


def test_the_councillor_signs_by_delegation_after_a_rejection_without_number(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _decree_drafted(app, db, procedure="removal-road-occupancy", unit="ODP",
                              clerk="clerk3", text="The skip is removed.")
    assert _in_tray(db, "mayor") == 0
    first = steps.waiting_circuit(db, "councillor")
    steps.reject_in_tray(app, db, "councillor", "Say where the skip stands.")
    rejected = bodies.find_resolution_by_document(db, first.document_id)
    assert rejected is not None and (rejected.state, rejected.number) == ("rejected", None)
    assert steps.waiting_task(db, file_id) == ("Task_draft_resolution", "ODP", "clerk")

    steps.complete(db, file_id, "Task_draft_resolution", "clerk3", decision="granted",
                   resolution_text="The skip in front of Carrer Major 3 is removed.")
    second = steps.waiting_circuit(db, "councillor")
    assert second.document_id != first.document_id
    steps.sign_in_tray(app, db, "councillor")
    signed = bodies.find_resolution_by_document(db, second.document_id)
    assert signed is not None and signed.number is not None
    assert (signed.body_key, signed.acting_body_key, signed.by_delegation,
            signed.signed_by) == ("mayor", "councillor_public_space", True, "councillor")
    assert steps.file_row(db, file_id).phase == "resolved"


def test_two_decrees_of_the_mayor_take_consecutive_numbers(
        app: Flask, db: Session, in_app: None) -> None:
    numbers = []
    for procedure, unit, clerk, login in (
            ("public-information-access", "URB", "clerk", "mayor"),
            ("removal-road-occupancy", "ODP", "clerk3", "councillor")):
        _decree_drafted(app, db, procedure=procedure, unit=unit, clerk=clerk,
                        text="Granted as asked.")
        circuit = steps.sign_in_tray(app, db, login)
        signed = bodies.find_resolution_by_document(db, circuit.document_id)
        assert signed is not None and signed.number is not None
        numbers.append((signed.body_key, signed.year, signed.number))
    (body, year, first), second = numbers
    assert second == (body, year, first + 1)
