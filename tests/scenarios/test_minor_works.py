"""Demo procedure ``minor_works`` (licences section URB-LIC): the clerk reviews, the
technical office reports, the clerk drafts the resolution, the head of urban planning
signs it in the tray, and the file ends notified and closed with its sealed index; with
something missing, the applicant is required first and processing resumes when she
answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy.orm import Session

from eoffice import deadlines, files, processing
from eoffice.shared.clock import frozen_at
from tests.conftest import run_worker
from tests.scenarios import steps

REQUIRED = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)


def _minor_works(app: Flask, db: Session) -> str:
    return steps.open_file(app, db, procedure="minor-works", case="interior",
                           unit="URB-LIC", subject="Kitchen refurbishment, Carrer Major 3")


def _resolve_and_sign(app: Flask, db: Session, file_id: str) -> None:
    assert steps.waiting_task(db, file_id) == ("Task_draft_resolution", "URB-LIC", "clerk")
    steps.complete(db, file_id, "Task_draft_resolution", "clerk", decision="granted",
                   resolution_text="The minor works licence is granted.")
    steps.sign_in_tray(app, db, "head")  # head of URB: the licences section has none
    steps.notifications_accessed(app, db, file_id)  # ana opens it: notified, closed


def test_a_minor_works_licence_with_a_technical_report_ends_signed_notified_and_closed(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _minor_works(app, db)
    assert steps.waiting_task(db, file_id) == ("Task_review_application", "URB-LIC",
                                               "clerk")
    steps.complete(db, file_id, "Task_review_application", "clerk", technical_report=True,
                   requirement_text="")
    assert steps.waiting_task(db, file_id) == ("Task_write_report", "OTM", "clerk")
    steps.complete(db, file_id, "Task_write_report", "technician",
                   summary="No structural elements are touched.")
    _resolve_and_sign(app, db, file_id)

    steps.signed_resolution(db, file_id)
    closed = steps.file_row(db, file_id)
    assert (closed.state, closed.phase) == ("closed", "notified")
    assert closed.index_document_id is not None
    assert steps.finished(db, file_id)
    assert steps.open_tasks(db, file_id) == []


def test_closing_the_file_ends_ad_hoc_work_still_open(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _minor_works(app, db)
    processing.deliver_message(db, message="adhoc_add_documents", subject_kind="file",
                               subject_id=file_id, payload={"by": "clerk"}, actor="clerk")
    assert len(steps.open_tasks(db, file_id)) == 2  # the review and the ad-hoc documents
    steps.complete(db, file_id, "Task_review_application", "clerk", technical_report=False,
                   requirement_text="")
    steps.complete(db, file_id, "Task_draft_resolution", "clerk", decision="granted",
                   resolution_text="The minor works licence is granted.")
    steps.sign_in_tray(app, db, "head")
    steps.notifications_accessed(app, db, file_id)  # signature done, notified, closed
    assert steps.file_row(db, file_id).state == "closed"
    assert steps.finished(db, file_id)  # not left waiting on the documents never added
    assert steps.open_tasks(db, file_id) == []


def test_the_applicant_completes_the_application_and_the_licence_is_resolved(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _minor_works(app, db)
    steps.complete(db, file_id, "Task_review_application", "clerk", technical_report=False,
                   requirement_text="Attach the plan of the kitchen.")
    assert steps.file_row(db, file_id).phase == "awaiting_applicant"
    assert steps.open_tasks(db, file_id) == []
    [pending] = files.list_requirements(db, file_id)
    files.answer_requirement(db, pending.id, text="Plan attached to this answer.",
                             delivered=[], actor="ana")
    db.flush()
    run_worker(app)  # processing hears the answer
    _resolve_and_sign(app, db, file_id)
    assert steps.file_row(db, file_id).state == "closed"


def test_an_applicant_who_does_not_answer_has_withdrawn_and_the_file_is_closed(
        app: Flask, db: Session, in_app: None) -> None:
    if 2027 not in deadlines.covered_years(db):
        deadlines.seed_holidays(db, {2027})
    with frozen_at(REQUIRED):
        file_id = _minor_works(app, db)
        steps.complete(db, file_id, "Task_review_application", "clerk",
                       technical_report=False, requirement_text="Attach the plan.")
    with frozen_at(REQUIRED + timedelta(days=30)):  # far past the ten business days
        deadlines.watch_deadlines(db)
        run_worker(app)  # the requirement expires: withdrawn, closure asked
    with frozen_at(REQUIRED + timedelta(days=31)):
        run_worker(app)  # the file is closed
    closed = steps.file_row(db, file_id)
    assert (closed.state, closed.phase) == ("closed", "withdrawn")
    assert not [d for d in steps.documents_of(db, file_id) if d.kind == "resolution"]
    assert steps.finished(db, file_id)
