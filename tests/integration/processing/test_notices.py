"""Must show 1: a minor works licence is resolved and notified; the process waits for the
notification's outcome. Ana accesses it on day 3: the evidence shows when it was made
available and accessed, with its exit number, and the process goes on to closure.
Another file's notification nobody opens expires at 00:00 after day 10 (deemed rejected;
ADR 0049) and its process goes on too. The clock is frozen; the worker runs as
`eoffice worker` does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import documents, notifications
from eoffice.notifications.services.evidence import local_time
from eoffice.shared.clock import frozen_at
from eoffice.shared.localtime import local_date
from tests.conftest import run_worker
from tests.pdfs import pdf_text
from tests.scenarios import steps

ANA_ID = "12345678Z"


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    """The application's context (the documents runtime renders and signs in it)."""
    with app.app_context():
        yield


def _notified_minor_works(app: Flask, db: Session, subject: str) -> str:
    """A minor works file whose signed resolution was just notified to ana."""
    file_id = steps.open_file(app, db, procedure="minor-works", case="interior",
                              unit="URB-LIC", subject=subject)
    steps.complete(db, file_id, "Task_review_application", "clerk", technical_report=False,
                   requirement_text="")
    steps.complete(db, file_id, "Task_draft_resolution", "clerk", decision="granted",
                   resolution_text="The minor works licence is granted.")
    steps.sign_in_tray(app, db, "head")  # signature_done: the notification is made
    return file_id


def _the_notification(db: Session, file_id: str) -> notifications.NotificationView:
    number = steps.file_row(db, file_id).number
    [made] = notifications.notifications_of_file(db, number)
    return made


def _waits_for_the_outcome(db: Session, file_id: str) -> None:
    row = steps.file_row(db, file_id)
    assert (row.state, row.phase) == ("open", "resolved")
    assert not steps.finished(db, file_id)
    assert steps.open_tasks(db, file_id) == []


def _evidence_text(db: Session, notification: notifications.NotificationView) -> str:
    assert notification.evidence_document_id, "no evidence document"
    _version, chunks = documents.open_content(db, notification.evidence_document_id)
    return pdf_text(b"".join(chunks))


def test_ana_accesses_on_day_3_and_the_process_goes_on_to_closure(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _notified_minor_works(app, db, "Kitchen refurbishment, Carrer Major 3")
    made = _the_notification(db, file_id)
    assert (made.state, made.addressee_id_number) == ("available", ANA_ID)
    assert made.exit_number and made.exit_number.startswith("S/")
    _waits_for_the_outcome(db, file_id)
    assert made.available_at is not None

    day_3 = made.available_at + timedelta(days=3)
    with frozen_at(day_3):
        ana = steps.principal(db, "ana")
        opened = notifications.access_notification(db, made.id, ana)
        assert opened.state == "accessed"
        db.flush()
        run_worker(app)  # the outcome reaches the process; the evidence is sealed
        run_worker(app)  # the closure the process asked for
    db.expire_all()

    closed = steps.file_row(db, file_id)
    assert (closed.state, closed.phase) == ("closed", "notified")
    assert steps.finished(db, file_id)
    after = _the_notification(db, file_id)
    text = _evidence_text(db, after)
    assert local_time(made.available_at) in text
    assert local_time(day_3) in text
    assert made.exit_number in text
    assert after.evidence_document_id in {d.document_id for d in steps.documents_of(db, file_id)}


def test_a_notification_nobody_opens_expires_after_day_10_and_the_process_goes_on(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _notified_minor_works(app, db, "New bathroom, Carrer Nou 8")
    made = _the_notification(db, file_id)
    assert made.available_at is not None and made.expires_at is not None
    assert made.last_day == local_date(made.available_at) + timedelta(days=10)

    with frozen_at(made.expires_at - timedelta(seconds=1)):
        run_worker(app)  # 23:59:59 of day 10: still available, the process still waits
        db.expire_all()
        assert _the_notification(db, file_id).state == "available"
        _waits_for_the_outcome(db, file_id)
    day_10 = made.expires_at  # 00:00 after day 10: deemed rejected
    with frozen_at(day_10):
        run_worker(app)  # the expiry job ends it: deemed rejected
        run_worker(app)  # the outcome reaches the process, which asks for closure
        run_worker(app)  # the file is closed
    db.expire_all()

    expired = _the_notification(db, file_id)
    assert expired.state == "expired" and expired.expired_at is not None
    closed = steps.file_row(db, file_id)
    assert (closed.state, closed.phase) == ("closed", "notified")
    assert steps.finished(db, file_id)
    text = _evidence_text(db, expired)
    assert local_time(made.available_at) in text and local_time(day_10) in text


def test_an_access_after_expiry_is_refused_and_changes_nothing(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _notified_minor_works(app, db, "Shop front, Carrer Ample 2")
    made = _the_notification(db, file_id)
    assert made.available_at is not None
    with (frozen_at(made.available_at + timedelta(days=12)),
          pytest.raises(notifications.NotificationExpired)):
        notifications.access_notification(db, made.id, steps.principal(db, "ana"))
    db.expire_all()
    assert _the_notification(db, file_id).accessed_at is None
