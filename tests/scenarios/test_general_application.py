"""Demo procedure ``general_application``: ana's application, sent from the portal, is
routed to the unit of the procedure (URB); its clerk asks the finance service for a
report, drafts the resolution, the head signs it in the tray, and the file is notified
and closed; ana sees the file's phase change."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import files
from eoffice.files.models import AdministrativeFile
from tests.api.files.sent import send_application
from tests.scenarios import steps

Headers = Callable[[str], dict[str, str]]


def test_a_general_application_is_routed_to_its_unit_and_ends_closed(
        app: Flask, client: FlaskClient, db: Session, token_for: Headers,
        in_app: None) -> None:
    sent = send_application(client, token_for)
    file_id = db.scalar(select(AdministrativeFile.id).where(
        AdministrativeFile.number == sent["file"]["number"]))
    assert file_id is not None
    assert steps.waiting_task(db, file_id) == ("Task_review_application", "URB", "clerk")
    steps.complete(db, file_id, "Task_review_application", "clerk", report_unit="HAC")
    assert steps.waiting_task(db, file_id) == ("Task_write_report", "HAC", "clerk")
    steps.complete(db, file_id, "Task_write_report", "clerk2", summary="No fee is due.")
    steps.complete(db, file_id, "Task_draft_resolution", "clerk", decision="granted",
                   resolution_text="The tree will be removed.")
    progress = files.progress_of_submission(db, sent["id"])
    assert progress is not None and progress.phase == "in_process"

    steps.sign_in_tray(app, db, "head")
    steps.notifications_accessed(app, db, file_id)
    progress = files.progress_of_submission(db, sent["id"])
    assert progress is not None and (progress.phase, progress.closed) == ("notified", True)
    steps.signed_resolution(db, file_id)
