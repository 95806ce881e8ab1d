"""Common subprocess ``closure``: the process asks for the file to be closed; the worker
seals its index (every document with its hash) and closes it as the system; the closed
file takes no more documents. A file on its way to another unit stays open, and the
closure is retried until it is back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents, files
from eoffice.files.models import FileAction
from eoffice.files.services.moving import return_file, send_file
from eoffice.shared.clock import frozen_at, utcnow
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from tests.conftest import run_worker
from tests.pdfs import pdf_text, tiny_pdf
from tests.scenarios import steps


def _plan(db: Session) -> str:
    return documents.register_document(
        db, chunks=[tiny_pdf("plan")], media_type="application/pdf", title="Plan",
        language="es", unit_code="URB", actor="clerk").id


def test_the_worker_closes_the_file_with_its_sealed_index(
        app: Flask, db: Session, file_by_hand: str) -> None:
    files.add_document(db, steps.file_row(db, file_by_hand), files.DocumentRef(_plan(db)),
                       actor="clerk")
    steps.start_caller(db, file_by_hand, "closure",
                       before='closure_reason = "Resolved and notified"')
    asked = db.scalars(select(FileAction).where(FileAction.file_id == file_by_hand,
                                                FileAction.kind == "closure_requested"))
    assert [a.details for a in asked] == [{"reason": "Resolved and notified"}]
    assert steps.file_row(db, file_by_hand).state == "open"  # until the worker runs

    held = [d.sha256 for d in steps.documents_of(db, file_by_hand)]
    run_worker(app)
    closed = steps.file_row(db, file_by_hand)
    assert (closed.state, closed.closed_by) == ("closed", "system")
    index = [d for d in steps.documents_of(db, file_by_hand) if d.role == "index"]
    assert [d.document_id for d in index] == [closed.index_document_id]
    pdf = documents.blob_store().read_bytes(index[0].sha256)
    seal = documents.validate_pdf(pdf).signatures[0]
    assert seal.valid and seal.intact  # sealed by the office
    text = "".join(pdf_text(pdf).split())  # table cells wrap long hashes
    assert held and all(sha256 in text for sha256 in held)
    with pytest.raises(files.FileClosed):
        files.add_document(db, closed, files.DocumentRef(_plan(db)), actor="clerk")


def test_a_file_on_its_way_to_another_unit_is_closed_once_it_is_back(
        app: Flask, db: Session, file_by_hand: str) -> None:
    send_file(db, steps.file_row(db, file_by_hand), to_unit="HAC", reason="Tax check",
              actor="clerk")
    steps.start_caller(db, file_by_hand, "closure")
    run_worker(app)
    assert steps.file_row(db, file_by_hand).state == "open"  # not while it is sent
    asked, again = db.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == files.CLOSURE_REQUESTED_TOPIC).order_by(OutboxMessage.id))
    assert asked.status == OutboxStatus.DONE  # handled: the file is waited for...
    assert again.status == OutboxStatus.PENDING and again.attempts == 0  # ...never given up
    assert again.payload["waits"] == 1 and again.available_at > utcnow()
    with frozen_at(utcnow() + timedelta(hours=2)):
        run_worker(app)  # still away: asked again later, still no attempt spent
    assert steps.file_row(db, file_by_hand).state == "open"

    return_file(db, steps.file_row(db, file_by_hand), reason="Nothing to check",
                actor="clerk2")
    db.flush()
    with frozen_at(utcnow() + timedelta(hours=4)):
        run_worker(app)
    assert steps.file_row(db, file_by_hand).state == "closed"
