"""A notification to a party is accessed by her representative under a valid power (the
audit log says "X acting for Y"; a revoked power refuses); a party without electronic
means is notified by post: a sealed printable notice joins the file and a clerk records
what the post reports, which ends the notification like an access."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents, files, notifications, representation
from eoffice.audit.models import AuditEvent
from eoffice.identity import Principal
from eoffice.identity.models import Person
from eoffice.notifications import NotificationState
from eoffice.notifications.errors import InvalidPostalOutcome, NotAvailable, NotPostal
from eoffice.notifications.services.life_cycle import record_postal_outcome
from eoffice.shared.clock import frozen_at
from eoffice.shared.localtime import local_date
from eoffice.shared.outbox import OutboxMessage
from tests.conftest import run_worker
from tests.integration.notifications.test_notification_life_cycle import (
    START,
    in_app,
    notify_of,
    principal_of,
    resolution_file,
)
from tests.pdfs import pdf_text

__all__ = ["in_app", "principal_of"]  # fixtures shared with the life-cycle tests
Load = Callable[[str], Principal]


def ana_empowers_bernat(db: Session, principal_of: Load) -> representation.PowerView:
    with frozen_at(START - timedelta(days=1)):
        return representation.grant_power(db, representation.NewPower(
            representative_id_number="87654321X", representative_name="Bernat Soler Ferrer"),
            principal=principal_of("ana"))


def test_a_representative_with_a_power_accesses_and_the_audit_says_for_whom(
    in_app: None, db: Session, principal_of: Load,
) -> None:
    ana_empowers_bernat(db, principal_of)
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    bernat = principal_of("bernat")
    listed = notifications.notifications_for(db, bernat)
    assert [n.id for n in listed] == [made.id]
    assert documents.may_read(db, bernat, documents.get_document(db, resolution)) is False
    with frozen_at(START + timedelta(days=2)):
        accessed = notifications.access_notification(db, made.id, bernat)
    assert accessed.state == NotificationState.ACCESSED
    assert accessed.accessed_by == "Bernat Soler Ferrer acting for Ana García Puig"
    assert documents.may_read(db, bernat, documents.get_document(db, resolution)) is True
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "notifications.accessed",
                                               AuditEvent.object_id == made.id))
    assert event is not None and event.actor == "bernat"
    assert event.data["acting_for"] == "Bernat Soler Ferrer acting for Ana García Puig"


def test_a_revoked_power_no_longer_opens_the_notification(
    in_app: None, db: Session, principal_of: Load,
) -> None:
    power = ana_empowers_bernat(db, principal_of)
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    with frozen_at(START + timedelta(hours=1)):
        representation.revoke_power(db, power.id, reason="No longer my adviser",
                                    principal=principal_of("ana"))
    with frozen_at(START + timedelta(days=1)):
        bernat = principal_of("bernat")
        assert notifications.notifications_for(db, bernat) == []
        with pytest.raises(representation.RepresentationRefused):
            notifications.access_notification(db, made.id, bernat)
        assert notifications.get_notification_for(
            db, made.id, principal_of("ana")).state == NotificationState.AVAILABLE


def postal_person(db: Session) -> None:
    person = db.scalar(select(Person).where(Person.id_number == "12345678Z"))
    assert person is not None
    person.notification_channel = "postal"
    person.postal_address = "Carrer Major 1, 46001 València"
    db.flush()


def test_a_party_notified_by_post_gets_a_sealed_notice_and_the_clerk_records_delivery(
    app: Flask, in_app: None, db: Session, principal_of: Load,
) -> None:
    postal_person(db)
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    assert made.channel == "postal" and made.state == NotificationState.POSTAL_PENDING
    assert made.exit_number and made.expires_at is None and made.alert_status is None
    with pytest.raises(NotAvailable):
        notifications.access_notification(db, made.id, principal_of("ana"))
    with frozen_at(START + timedelta(minutes=5)):
        run_worker(app)
    pending = notifications.get_notification_for(db, made.id, principal_of("ana"))
    assert pending.postal_document_id is not None
    brief = files.find_file_brief_by_number(db, number)
    assert brief and pending.postal_document_id in {d.document_id for d in brief.documents}
    _, chunks = documents.open_content(db, pending.postal_document_id)
    notice = pdf_text(b"".join(chunks))
    assert "Carrer Major 1" in notice and made.exit_number in notice

    clerk = principal_of("clerk")
    delivered_on = local_date(START + timedelta(days=4))
    with frozen_at(START + timedelta(days=5)):
        with pytest.raises(InvalidPostalOutcome):  # a day still to come
            record_postal_outcome(db, made.id, clerk, outcome="delivered",
                                  on=delivered_on + timedelta(days=3))
        with pytest.raises(InvalidPostalOutcome):
            record_postal_outcome(db, made.id, clerk, outcome="lost", on=delivered_on)
        assert notifications.get_notification_for(
            db, made.id, principal_of("ana")).state == NotificationState.POSTAL_PENDING
        done = record_postal_outcome(db, made.id, clerk, outcome="delivered", on=delivered_on)
        assert done.state == NotificationState.DELIVERED
        with pytest.raises(NotPostal):
            record_postal_outcome(db, made.id, clerk, outcome="failed", on=delivered_on)
        run_worker(app)
    ended = notifications.get_notification_for(db, made.id, principal_of("ana"))
    assert ended.evidence_document_id is not None
    _, chunks = documents.open_content(db, ended.evidence_document_id)
    assert "Delivered by post" in pdf_text(b"".join(chunks))


def test_a_citizen_cannot_record_a_postal_outcome(
    in_app: None, db: Session, principal_of: Load,
) -> None:
    postal_person(db)
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    with pytest.raises(notifications.UnknownNotification):
        record_postal_outcome(db, made.id, principal_of("ana"), outcome="delivered",
                              on=local_date(START))


def test_a_person_unknown_here_is_notified_by_post(in_app: None, db: Session) -> None:
    stranger = ("31415926L", "Jordi Desconegut")
    number, resolution = resolution_file(db, party=stranger)
    made = notify_of(db, number, resolution, to=stranger)
    assert made.channel == "postal" and made.state == NotificationState.POSTAL_PENDING


def test_the_representative_named_by_the_sender_is_alerted_too(
    in_app: None, db: Session,
) -> None:
    number, resolution = resolution_file(db)
    with frozen_at(START):
        made = notifications.notify(db, notifications.NewNotification(
            file_number=number, document_id=resolution, addressee_id_number="12345678Z",
            addressee_name="Ana García Puig", subject="Resolution", sending_unit="URB",
            representative_id_number="87654321x"), actor="clerk")
    alerted = {m.payload["to"] for m in db.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == notifications.EMAIL_TOPIC))
        if f"/notifications/{made.id}" in m.payload["body"]}
    assert alerted == {"ana@demo.eoffice.test", "bernat@demo.eoffice.test"}
    assert made.representative_id_number == "87654321X" and made.alert_status == "queued"


def test_a_postal_outcome_dated_before_the_sending_is_refused(
    in_app: None, db: Session, principal_of: Load,
) -> None:
    postal_person(db)
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    with frozen_at(START + timedelta(days=2)), pytest.raises(InvalidPostalOutcome):
        record_postal_outcome(db, made.id, principal_of("clerk"), outcome="delivered",
                              on=local_date(START) - timedelta(days=1))
    assert notifications.notifications_of_file(db, number)[0].state == "postal_pending"
