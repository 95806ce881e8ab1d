"""Common subprocess ``add_documents``: the clerk of the file's unit adds documents to
the file and completes the task; the caller goes on with the clerk's note."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from eoffice import documents, files
from tests.pdfs import tiny_pdf
from tests.scenarios import steps


def test_the_clerk_adds_a_document_and_the_process_goes_on(
        app: Flask, db: Session, file_by_hand: str) -> None:
    steps.start_caller(db, file_by_hand, "add_documents")
    assert steps.waiting_task(db, file_by_hand) == ("Task_add_documents", "URB", "clerk")
    plan = documents.register_document(
        db, chunks=[tiny_pdf("site plan")], media_type="application/pdf",
        title="Site plan", language="es", unit_code="URB", actor="clerk")
    files.add_document(db, steps.file_row(db, file_by_hand),
                       files.DocumentRef(plan.id, files.DocumentRole.PROCESSING),
                       actor="clerk")
    steps.complete(db, file_by_hand, "Task_add_documents", "clerk",
                   documents_note="Site plan from the archive.")

    assert steps.waiting_task(db, file_by_hand)[0] == "Task_after"
    assert "Site plan" in [d.title for d in steps.documents_of(db, file_by_hand)]
