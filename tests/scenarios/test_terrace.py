"""Demo procedure ``terrace`` (public space occupation, ODP): the clerk reviews, the
local police reports, the clerk drafts, the head of ODP signs in the tray, and the file
ends notified and closed."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from tests.scenarios import steps


def test_a_terrace_goes_through_the_police_and_the_head_of_the_unit(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = steps.open_file(app, db, procedure="terrace-public-road", case="annual",
                              unit="ODP", subject="Terrace of Bar Centre, Plaça Major")
    assert steps.waiting_task(db, file_id) == ("Task_review_application", "ODP", "clerk")
    steps.complete(db, file_id, "Task_review_application", "clerk3")
    assert steps.waiting_task(db, file_id) == ("Task_write_report", "POL", "clerk")
    steps.complete(db, file_id, "Task_write_report", "police",
                   summary="Two metres of pavement stay free; no objection.")
    assert steps.waiting_task(db, file_id) == ("Task_draft_resolution", "ODP", "clerk")
    steps.complete(db, file_id, "Task_draft_resolution", "clerk3", decision="granted",
                   resolution_text="Four tables are authorised from April to October.")
    steps.sign_in_tray(app, db, "head2")
    steps.notifications_accessed(app, db, file_id)

    steps.signed_resolution(db, file_id)
    closed = steps.file_row(db, file_id)
    assert (closed.state, closed.phase) == ("closed", "notified")
    assert steps.finished(db, file_id)
