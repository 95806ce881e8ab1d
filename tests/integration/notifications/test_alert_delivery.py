"""Must show 2: the e-mail alert of a real notification arrives in an SMTP sink on
loopback (the subject and a link, never the content). With the sink stopped the delivery
fails and is retried after the outbox's backoff, and delivered once the sink is back; a
message the worker gave up on is delivered again from the admin's background-work page.
A malformed address is refused before anything is queued."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from eoffice import files, notifications
from eoffice.processing.operators import CATALOGUE, RunContext
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import OutboxMessage, OutboxStatus, backoff
from tests.conftest import csrf_from, run_worker, sign_in
from tests.smtp_sink import SmtpSink, relay_sink

ANA = {"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
       "role": "interested"}
# after the demo catalogue is published (by the session app, once the tests are collected)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)


@pytest.fixture
def smtp_sink(app: Flask) -> Iterator[SmtpSink]:
    with relay_sink(app) as sink:
        yield sink


def _notify_ana(app: Flask, db: Session) -> notifications.NotificationView:
    """A resolution of a new file of URB notified to ana (who wants e-mail alerts)."""
    db.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
               .values(status=OutboxStatus.DONE))  # only this test's work is delivered
    opened = files.open_file(db, files.NewFile(unit_code="URB", subject="Fallen tree",
                                               parties=[ANA]), actor="registrar")
    context = RunContext(session=db, instance_id="test", subject_kind="file",
                         subject_id=opened.id, unit_code="URB", actor="clerk")
    with app.app_context():
        document = CATALOGUE.operators["render_document"].run(context, {
            "template": "resolution", "values": {"text": "SECRET-CONTENT granted."}})
        done = CATALOGUE.operators["notify_party"].run(context, {
            "document": document["document"], "subject": "Resolution on the fallen tree"})
    [made] = [n for n in notifications.notifications_of_file(db, opened.number)
              if n.id == done["notifications"][0]]
    db.flush()
    return made


def _alert(db: Session, made: notifications.NotificationView) -> OutboxMessage:
    db.expire_all()
    message = db.scalar(select(OutboxMessage).where(
        OutboxMessage.topic == notifications.EMAIL_TOPIC,
        OutboxMessage.dedup_key.like(f"%{made.id}")))
    assert message is not None, "no alert queued"
    return message


def test_the_alert_of_a_notification_arrives_in_the_sink(
        app: Flask, db: Session, smtp_sink: SmtpSink) -> None:
    made = _notify_ana(app, db)
    run_worker(app)
    [mail] = smtp_sink.received
    assert mail["To"] == "ana@demo.eoffice.test"
    assert "Resolution on the fallen tree" in mail["Subject"]
    body = bytes(mail.get_payload(decode=True)).decode()
    assert f"/notifications/{made.id}" in body and "SECRET-CONTENT" not in body
    assert _alert(db, made).status == OutboxStatus.DONE


def test_with_the_mail_server_down_the_alert_is_retried_and_delivered_when_it_returns(
        app: Flask, db: Session, smtp_sink: SmtpSink) -> None:
    with frozen_at(START):
        made = _notify_ana(app, db)
        smtp_sink.stop()
        run_worker(app)
    failed = _alert(db, made)
    assert (failed.status, failed.attempts) == (OutboxStatus.PENDING, 1)
    assert failed.last_error and "refused" in failed.last_error.lower()
    assert failed.available_at == START + backoff(1)

    smtp_sink.start()
    with frozen_at(START + backoff(1) - timedelta(seconds=1)):
        run_worker(app)  # not due yet: the backoff is kept
    assert smtp_sink.received == [] and _alert(db, made).attempts == 1
    with frozen_at(START + backoff(1)):
        run_worker(app)
    [mail] = smtp_sink.received
    assert "Resolution on the fallen tree" in mail["Subject"]
    assert _alert(db, made).status == OutboxStatus.DONE


def test_an_alert_the_worker_gave_up_on_is_delivered_again_from_the_admin_page(
        app: Flask, client: FlaskClient, db: Session, smtp_sink: SmtpSink) -> None:
    moment = START
    with frozen_at(moment):
        made = _notify_ana(app, db)
    smtp_sink.stop()
    for attempt in range(1, 6):  # the test worker gives up after 5 attempts
        with frozen_at(moment):
            run_worker(app)
        moment += backoff(attempt)
    given_up = _alert(db, made)
    assert (given_up.status, given_up.attempts) == (OutboxStatus.FAILED, 5)

    smtp_sink.start()
    sign_in(client, "admin")
    page = client.get("/admin/background-work").get_data(as_text=True)
    assert notifications.EMAIL_TOPIC in page
    retried = client.post(f"/admin/background-work/{given_up.id}/retry",
                          data={"csrf_token": csrf_from(page)})
    assert retried.status_code == 303
    run_worker(app)
    assert len(smtp_sink.received) == 1
    assert _alert(db, made).status == OutboxStatus.DONE


@pytest.mark.parametrize("address", [
    "ana", "ana@", "@demo.eoffice.test", "ana@@demo.eoffice.test", "ana maria@city.example",
    "ana@city..example", "", "a" * 250 + "@city.example"])
def test_a_malformed_address_is_refused_and_nothing_is_queued(
        db: Session, address: str) -> None:
    before = db.scalar(select(func.count()).select_from(OutboxMessage))
    with pytest.raises(notifications.InvalidEmailAddress) as refused:
        notifications.queue_email(db, to=address, subject="Hola", body="Prova",
                                  dedup_key=f"bad-address-{address[:20]}")
    problem = refused.value.problem()
    assert problem["code"] == "notifications.invalid_email" and problem["status"] == 422
    assert problem["reason"]
    assert db.scalar(select(func.count()).select_from(OutboxMessage)) == before


def test_a_well_formed_address_is_queued_in_its_normal_form(db: Session) -> None:
    assert notifications.queue_email(db, to=" Ana@Demo.EOFFICE.test ", subject="Hola",
                                     body="Prova", dedup_key="normal-form")
    message = db.scalar(select(OutboxMessage).where(
        OutboxMessage.dedup_key == f"{notifications.EMAIL_TOPIC}:normal-form"))
    assert message is not None and message.payload["to"] == "Ana@demo.eoffice.test"
