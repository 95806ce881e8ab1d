"""A draft nobody touches: its citizen gets an e-mail (delivered by SMTP to a sink on
loopback) some days before it expires, then it expires; a draft whose fee was issued
never expires."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.notifications import EMAIL_TOPIC
from eoffice.notifications.mail import deliver_email
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import Delivery, OutboxMessage
from eoffice.submissions.models import Submission
from eoffice.submissions.services.expiry import expire_drafts
from tests.smtp_sink import SmtpSink, relay_sink

Headers = Callable[[str], dict[str, str]]
# after the demo catalogue is published (by the session app, once the tests are collected)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)


@pytest.fixture
def smtp_sink(app: Flask) -> Iterator[SmtpSink]:
    with relay_sink(app) as sink:
        yield sink


def draft_of_ana(client: FlaskClient, headers: dict[str, str]) -> str:
    with frozen_at(START):
        draft = client.post("/api/v1/submissions", headers=headers, json={
            "procedure": "general-application", "case": "standard"}).get_json()
    return str(draft["id"])


def test_a_forgotten_draft_is_announced_by_email_then_expires(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers, smtp_sink: SmtpSink,
) -> None:
    ana = token_for("ana")
    forgotten = draft_of_ana(client, ana)
    paying = db.get(Submission, draft_of_ana(client, ana))
    assert paying is not None
    paying.fee_amount = Decimal("60.00")  # its self-assessment waits for payment
    db.flush()

    with frozen_at(START + timedelta(days=26)):
        assert expire_drafts(db, keep_days=30, warn_days=5) == (1, 0)
        assert expire_drafts(db, keep_days=30, warn_days=5) == (0, 0)  # warned once
    message = db.scalar(select(OutboxMessage).where(
        OutboxMessage.topic == EMAIL_TOPIC,
        OutboxMessage.dedup_key == f"{EMAIL_TOPIC}:draft-expiry:{forgotten}"))
    assert message is not None
    with app.app_context():
        deliver_email(Delivery(message.id, message.topic, message.payload, 1))
    [mail] = smtp_sink.received
    assert mail["To"] == message.payload["to"] and "ana" in mail["To"]
    assert (START + timedelta(days=30)).date().isoformat() in mail.get_payload()

    with frozen_at(START + timedelta(days=31)):
        assert expire_drafts(db, keep_days=30, warn_days=5) == (0, 1)
    assert client.get(f"/api/v1/submissions/{forgotten}",
                      headers=ana).get_json()["status"] == "expired"
    assert client.get(f"/api/v1/submissions/{paying.id}",
                      headers=ana).get_json()["status"] == "draft"
    late = client.patch(f"/api/v1/submissions/{forgotten}", json={"answers": {}}, headers=ana)
    assert late.status_code == 409


def test_without_an_smtp_server_emails_are_written_to_the_instance_mail_folder(
    app: Flask, db: Session,
) -> None:
    from eoffice.notifications import queue_email  # noqa: PLC0415

    assert queue_email(db, to="ana@demo.eoffice.test", subject="Hola", body="Prova",
                       dedup_key="file-sink-test")
    assert not queue_email(db, to="ana@demo.eoffice.test", subject="Hola", body="Prova",
                           dedup_key="file-sink-test")  # once per key
    message = db.scalar(select(OutboxMessage).where(
        OutboxMessage.dedup_key == f"{EMAIL_TOPIC}:file-sink-test"))
    assert message is not None
    with app.app_context():
        deliver_email(Delivery(message.id, message.topic, message.payload, 1))
    folder = app.config["EOFFICE_SETTINGS"].instance_path / "mail"
    written = (folder / f"{message.id:08d}.eml").read_bytes()
    assert b"Subject: Hola" in written and b"To: ana@demo.eoffice.test" in written
