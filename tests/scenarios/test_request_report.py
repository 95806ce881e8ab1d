"""Common subprocess ``request_report``: the report is asked of another unit (on the
file's timeline, with a report term on the file); only that unit's clerk gets the task;
once written, the report is a document of the file issued by that unit, the term is met
and the caller goes on."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import deadlines, documents, identity, processing
from eoffice.files.models import FileAction
from eoffice.processing.services import tasks
from tests.pdfs import pdf_text
from tests.scenarios import steps


def _task_list(db: Session, login: str) -> set[str]:
    listed = tasks.list_tasks_for(db, steps.principal(db, login), page=1, page_size=100)
    return {task.id for task, _instance in listed.items}


def test_the_other_unit_writes_the_report_and_the_file_goes_on(
        app: Flask, db: Session, file_by_hand: str) -> None:
    steps.start_caller(db, file_by_hand, "request_report",
                       before='report_unit = "OTM"\nreport_question = "Is the wall safe?"')
    assert steps.waiting_task(db, file_by_hand) == ("Task_write_report", "OTM", "clerk")
    [report] = steps.open_tasks(db, file_by_hand)
    assert report.id in _task_list(db, "technician")
    assert report.id not in _task_list(db, "clerk")

    asked = db.scalars(select(FileAction).where(FileAction.file_id == file_by_hand,
                                                FileAction.kind == "report_requested")).one()
    assert (asked.details["to"], asked.details["question"]) == ("OTM", "Is the wall safe?")
    term = next(d for d in deadlines.list_deadlines(db, "file", file_by_hand)
                if d.kind == "report")
    assert term.state == deadlines.DeadlineState.RUNNING and term.due_on is not None
    assert asked.details["due_on"] == term.due_on.isoformat()

    steps.complete(db, file_by_hand, "Task_write_report", "technician",
                   summary="The wall is safe.")
    assert steps.waiting_task(db, file_by_hand) == ("Task_after", "URB", "clerk")
    met = deadlines.get_deadline(db, term.id)
    assert met.state == deadlines.DeadlineState.MET
    [written] = [d for d in steps.documents_of(db, file_by_hand) if d.kind == "report"]
    assert written.title.startswith("Informe ")
    issued = documents.get_document(db, written.document_id)
    assert issued.unit_code == "OTM"
    assert "The wall is safe." in pdf_text(documents.blob_store().read_bytes(written.sha256))


def test_a_report_asked_of_a_unit_that_does_not_exist_stops_with_its_reason(
        app: Flask, db: Session, file_by_hand: str) -> None:
    with pytest.raises(processing.StepFailed) as failed:
        steps.start_caller(db, file_by_hand, "request_report", before='report_unit = "XYZ"')
    assert failed.value.errors[0].field == "Task_ask_for_report"
    assert identity.UnknownUnit.__name__ in failed.value.errors[0].message
