"""Common subprocess ``resolution``: the clerk drafts, the resolution joins the file and
waits in the tray of the head of the unit; rejected, it comes back to the clerk with the
reason; signed, the signed version is in the file, which is resolved."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.processing.services import signatures
from eoffice.shared.outbox import Delivery
from tests.scenarios import steps

TEXT = "The tree is removed within ten days.\n\nNotify the applicant."


def test_a_drafted_resolution_waits_in_the_tray_of_the_head_of_the_unit(
        app: Flask, db: Session, file_by_hand: str) -> None:
    steps.start_caller(db, file_by_hand, "resolution")
    assert steps.waiting_task(db, file_by_hand) == ("Task_draft_resolution", "URB", "clerk")
    steps.complete(db, file_by_hand, "Task_draft_resolution", "clerk",
                   decision="granted", resolution_text=TEXT)

    draft = [d for d in steps.documents_of(db, file_by_hand) if d.kind == "resolution"]
    assert [(d.version, d.role) for d in draft] == [(1, "processing")]
    circuit = steps.waiting_circuit(db, "head")
    assert circuit.document_id == draft[0].document_id
    assert steps.open_tasks(db, file_by_hand) == []  # the process waits for the tray


def test_a_rejected_resolution_goes_back_to_the_clerk_and_the_signed_one_resolves_the_file(
        app: Flask, db: Session, file_by_hand: str) -> None:
    steps.start_caller(db, file_by_hand, "resolution")
    steps.complete(db, file_by_hand, "Task_draft_resolution", "clerk",
                   decision="granted", resolution_text=TEXT)
    steps.reject_in_tray(app, db, "head", "Say which tree.")
    assert steps.waiting_task(db, file_by_hand) == ("Task_draft_resolution", "URB", "clerk")
    assert steps.file_row(db, file_by_hand).phase == "in_process"

    steps.complete(db, file_by_hand, "Task_draft_resolution", "clerk", decision="granted",
                   resolution_text="The plane tree in front of number 3 is removed.")
    signed = steps.sign_in_tray(app, db, "head")
    assert signed.state == documents.CircuitState.SIGNED

    resolution = steps.signed_resolution(db, file_by_hand)
    assert resolution.id == signed.document_id
    held = [(d.document_id, d.version) for d in steps.documents_of(db, file_by_hand)]
    assert (signed.document_id, 2) in held  # the signed version joined the file
    assert steps.file_row(db, file_by_hand).phase == "resolved"
    assert steps.waiting_task(db, file_by_hand)[0] == "Task_after"


def test_the_news_of_a_signature_delivered_twice_changes_nothing_the_second_time(
        app: Flask, db: Session, file_by_hand: str) -> None:
    steps.start_caller(db, file_by_hand, "resolution")
    steps.complete(db, file_by_hand, "Task_draft_resolution", "clerk",
                   decision="granted", resolution_text=TEXT)
    signed = steps.sign_in_tray(app, db, "head")
    held = steps.documents_of(db, file_by_hand)
    again = Delivery(message_id=0, topic=documents.CIRCUIT_FINISHED_TOPIC, attempt=2,
                     payload={"circuit": signed.id, "document": signed.document_id,
                              "state": "signed", "reason": None})
    signatures.circuit_finished(again)
    assert steps.documents_of(db, file_by_hand) == held
    assert steps.waiting_task(db, file_by_hand)[0] == "Task_after"
