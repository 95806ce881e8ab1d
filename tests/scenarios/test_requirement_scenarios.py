"""Requirement to the applicant (common subprocess ``require_completion``) with a real
process: ana answers in the portal and processing resumes; or she does not, the ten
business days (a local holiday in between) pass, and the application is withdrawn."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import deadlines, files
from eoffice.processing.services import intake
from eoffice.shared import outbox
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import Delivery
from tests.conftest import csrf_from, run_worker, sign_in
from tests.pdfs import tiny_pdf
from tests.scenarios.requirement_case import (
    LAST_DAY,
    TEXT,
    Headers,
    file_of,
    open_tasks,
    required_application,
)


def _at(day: int) -> datetime:
    return datetime(2027, 2, day, 10, 0, tzinfo=UTC)


def _resolution_term(db: Session, file_id: str) -> deadlines.DeadlineView:
    return next(d for d in deadlines.list_deadlines(db, "file", file_id)
                if d.kind == "resolution")


def _expire_due_terms(client: FlaskClient, db: Session, day: int) -> None:
    """The deadlines watch job of that day, then the worker delivers what it published."""
    with frozen_at(_at(day)):
        deadlines.watch_deadlines(db)
        run_worker(client.application)


def test_the_applicant_answers_in_the_portal_and_processing_resumes(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    case = required_application(client, db, token_for)
    assert case.requirement.due_on == LAST_DAY  # the holiday moved it a day
    assert file_of(db, case.file_id).phase == "awaiting_applicant"
    assert open_tasks(db, case.file_id) == []
    assert _resolution_term(db, case.file_id).state == deadlines.DeadlineState.SUSPENDED
    with frozen_at(_at(18)):  # the last day still counts
        sign_in(client, "ana")
        page = client.get(f"/applications/{case.submission_id}").get_data(as_text=True)
        assert "Waiting for you to complete the application" in page
        assert TEXT in page and "February 18, 2027" in page
        answered = client.post(
            f"/applications/{case.submission_id}/requirements/{case.requirement.id}/answer",
            data={"csrf_token": csrf_from(page), "text": "Here is the signed plan.",
                  "documents": [(io.BytesIO(tiny_pdf("signed plan")), "plan.pdf")]},
            content_type="multipart/form-data")
        assert answered.status_code == 303
        run_worker(client.application)  # files.requirement_answered → the process
    assert open_tasks(db, case.file_id) == ["Task_review_answer"]
    file = file_of(db, case.file_id)
    assert file.phase == "in_process"
    delivered = files.list_requirements(db, case.file_id)[0]
    assert delivered.state == "answered" and len(delivered.documents) == 1
    in_file = [d for d in files.list_documents(db, file) if d.origin == "citizen"]
    assert delivered.documents[0].sha256 in {d.sha256 for d in in_file}
    term = next(d for d in deadlines.list_deadlines(db, "file", case.file_id)
                if d.kind == "requirement")
    assert term.state == deadlines.DeadlineState.MET
    resolution = _resolution_term(db, case.file_id)  # runs again, without the days waited
    assert resolution.state == deadlines.DeadlineState.RUNNING
    assert [(p.first, p.last) for p in resolution.suspensions] == [
        (date(2027, 2, 4), date(2027, 2, 18))]
    with frozen_at(_at(18)):
        again = client.get(f"/applications/{case.submission_id}").get_data(as_text=True)
    assert "phase-in_process" in again and 'data-testid="answer-form"' not in again


def test_without_an_answer_the_application_is_withdrawn_after_the_holiday_shifted_last_day(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    case = required_application(client, db, token_for)
    resolution = _resolution_term(db, case.file_id)
    outbox.enqueue(db, deadlines.EXPIRED_TOPIC, {  # not the requirement's term: ignored
        "deadline_id": resolution.id, "subject_kind": "file", "subject_id": case.file_id,
        "kind": "resolution", "due_on": None, "silence_effect": None})
    run_worker(client.application)
    for day in (17, 18):  # 17 would be the last day without the holiday; 18 is
        _expire_due_terms(client, db, day)
        assert files.list_requirements(db, case.file_id)[0].state == "pending"
        assert file_of(db, case.file_id).phase == "awaiting_applicant"
    _expire_due_terms(client, db, 19)
    assert files.list_requirements(db, case.file_id)[0].state == "expired"
    assert file_of(db, case.file_id).phase == "withdrawn"
    assert open_tasks(db, case.file_id) == []
    with frozen_at(_at(19)):
        sign_in(client, "ana")
        page = client.get(f"/applications/{case.submission_id}").get_data(as_text=True)
        assert "phase-withdrawn" in page and 'data-testid="answer-form"' not in page
        late = client.post(
            f"/applications/{case.submission_id}/requirements/{case.requirement.id}/answer",
            data={"csrf_token": csrf_from(page), "text": "Sorry, here it is."})
    assert late.status_code == 409
    assert "can no longer be answered" in late.get_data(as_text=True)


def test_an_answer_delivered_again_never_resumes_a_later_requirement(
    client: FlaskClient, db: Session, token_for: Headers, monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = required_application(client, db, token_for)
    with frozen_at(_at(5)):
        files.answer_requirement(db, case.requirement.id, text="Here it is.", delivered=[],
                                 actor="ana")
        later = files.make_requirement(db, case.file_id, text="Now the fire report.",
                                       actor="clerk")
        db.flush()
    delivered: list[str] = []
    monkeypatch.setattr(intake, "_deliver_or_log",
                        lambda _db, message, facts, _topic: delivered.append(message))
    first = {"file": case.file_id, "number": "x", "requirement": case.requirement.id}
    with client.application.app_context():
        intake.requirement_answered(Delivery(1, files.REQUIREMENT_ANSWERED_TOPIC, first, 2))
        assert delivered == []  # the old answer is not the later requirement's
        intake.requirement_answered(Delivery(2, files.REQUIREMENT_ANSWERED_TOPIC,
                                             {**first, "requirement": later.id}, 1))
    assert delivered == ["requirement_answered"]
