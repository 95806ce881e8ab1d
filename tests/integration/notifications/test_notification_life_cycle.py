"""The legal life cycle of a notification on a real database, with a frozen clock: made
available with an exit-register number and an e-mail alert, accessed on day 3 (the
content opens only then) or expired at 00:00 after day 10 (ADR 0049), each end
publishing its outcome to processing and leaving a sealed PDF/A evidence in the file;
late or repeated acts are refused and change nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents, files, identity, notifications
from eoffice.audit.models import AuditEvent
from eoffice.identity import Principal
from eoffice.identity.models import Person
from eoffice.notifications import NewNotification, NotificationState
from eoffice.notifications.services.life_cycle import expire_due
from eoffice.shared.clock import frozen_at
from eoffice.shared.localtime import city_timezone, local_date
from eoffice.shared.outbox import OutboxMessage
from tests.conftest import run_worker
from tests.pdfs import pdf_text, tiny_pdf

# after the demo catalogue is published (by the session app, once the tests are collected)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)
ANA = ("12345678Z", "Ana García Puig")


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


@pytest.fixture
def principal_of(db: Session) -> Callable[[str], Principal]:
    def load(login: str) -> Principal:
        return identity.load_principal(db, identity.get_account(db, login),
                                       authenticated_by="session")
    return load


def resolution_file(db: Session, *, party: tuple[str, str] = ANA) -> tuple[str, str]:
    """A file of the urban planning unit holding a resolution: (file number, doc id)."""
    resolution = documents.register_document(
        db, chunks=[tiny_pdf("resolution")], media_type="application/pdf",
        title="Resolution granting the licence", language="es", unit_code="URB",
        actor="clerk")
    opened = files.open_file(db, files.NewFile(
        unit_code="URB", subject="Terrace licence",
        parties=[{"name": party[1], "id_type": "nif", "id_number": party[0],
                  "role": "interested"}],
        procedure="general-application", case="standard",
        documents=[files.DocumentRef(resolution.id, files.DocumentRole.PROCESSING)]),
        actor="clerk")
    return opened.number, resolution.id


def notify_of(db: Session, number: str, document_id: str, *, to: tuple[str, str] = ANA,
              kind: str = "notification") -> notifications.NotificationView:
    with frozen_at(START):
        return notifications.notify(db, NewNotification(
            file_number=number, document_id=document_id, addressee_id_number=to[0],
            addressee_name=to[1], subject="Resolution of your terrace licence",
            sending_unit="URB", kind=kind, procedure="general-application"),
            actor="clerk")


def outcomes(db: Session, notification_id: str) -> list[str]:
    rows = db.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == notifications.OUTCOME_TOPIC))
    return [str(r.payload["outcome"]) for r in rows
            if r.payload["notification"] == notification_id]


def test_a_notification_is_available_with_an_exit_number_and_an_alert_without_content(
    in_app: None, db: Session,
) -> None:
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    assert made.state == NotificationState.AVAILABLE
    assert made.exit_number and made.exit_number.startswith("S/")
    assert made.available_at == START
    tenth_day = local_date(START) + timedelta(days=10)  # accessible until its end
    assert made.expires_at == datetime.combine(tenth_day + timedelta(days=1), time(0),
                                               tzinfo=city_timezone())
    assert made.last_day == tenth_day and made.days_left == 11  # today and ten more
    alert = db.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == notifications.EMAIL_TOPIC)).all()[-1]
    assert alert.payload["to"] == "ana@demo.eoffice.test"
    assert f"/notifications/{made.id}" in alert.payload["body"]
    assert "Resolution of your terrace licence" in alert.payload["subject"]
    assert made.alert_status == "queued"


def test_access_on_day_3_opens_the_content_and_leaves_sealed_evidence_in_the_file(
    app: Flask, in_app: None, db: Session, principal_of: Callable[[str], Principal],
) -> None:
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    ana = principal_of("ana")
    content = documents.get_document(db, resolution)
    assert documents.may_read(db, ana, content) is False  # not before access

    with frozen_at(START + timedelta(days=3)):
        accessed = notifications.access_notification(db, made.id, ana)
    assert accessed.state == NotificationState.ACCESSED
    assert accessed.accessed_at == START + timedelta(days=3)
    assert documents.may_read(db, ana, content) is True
    assert outcomes(db, made.id) == ["accessed"]
    with frozen_at(START + timedelta(days=3, minutes=1)):
        run_worker(app)

    evidence_id = notifications.get_notification_for(db, made.id, ana).evidence_document_id
    assert evidence_id is not None
    evidence = documents.get_document(db, evidence_id)
    assert evidence.title == "Evidence of notification"
    assert evidence.current.pdfa_conforms and evidence.current.signatures
    brief = files.find_file_brief_by_number(db, number)
    assert brief is not None and evidence_id in {d.document_id for d in brief.documents}
    _, chunks = documents.open_content(db, evidence_id)
    pdf = b"".join(chunks)
    assert documents.check_pdfa(pdf).conforms
    text = pdf_text(pdf)
    assert made.exit_number and made.exit_number in text
    assert "Accessed by Ana García Puig" in text, text
    for moment in (START, START + timedelta(days=3)):  # made available, accessed
        assert local(moment) in text
    assert documents.may_read(db, ana, evidence) is True


def local(moment: datetime) -> str:
    return moment.astimezone(city_timezone()).strftime("%Y-%m-%d %H:%M:%S")


def test_a_notification_nobody_accesses_expires_after_day_10_and_later_acts_are_refused(
    app: Flask, in_app: None, db: Session, principal_of: Callable[[str], Principal],
) -> None:
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    assert made.expires_at is not None
    with frozen_at(made.expires_at - timedelta(seconds=1)):  # 23:59:59 of the tenth day
        assert expire_due(db) == 0
    with frozen_at(made.expires_at + timedelta(seconds=1)):
        run_worker(app)  # the expiry job, then the evidence
        run_worker(app)
        expired = notifications.get_notification_for(db, made.id, principal_of("ana"))
        assert expired.state == NotificationState.EXPIRED
        assert expired.expired_at == made.expires_at
        assert outcomes(db, made.id) == ["expired"]
        for act, code in ((notifications.access_notification, "notifications.expired"),
                          (notifications.reject_notification, "notifications.expired")):
            with pytest.raises(notifications.NotificationExpired) as refused:
                act(db, made.id, principal_of("ana"))
            assert refused.value.code == code
        again = notifications.get_notification_for(db, made.id, principal_of("ana"))
    assert again.state == NotificationState.EXPIRED and again.accessed_at is None
    assert again.evidence_document_id is not None
    assert outcomes(db, made.id) == ["expired"]
    assert db.scalar(select(AuditEvent.actor).where(
        AuditEvent.action == "notifications.expired", AuditEvent.object_id == made.id)) == "system"


def test_a_second_access_or_a_reject_after_access_is_refused(
    in_app: None, db: Session, principal_of: Callable[[str], Principal],
) -> None:
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    ana = principal_of("ana")
    with frozen_at(START + timedelta(days=1)):
        notifications.access_notification(db, made.id, ana)
        with pytest.raises(notifications.AlreadyAccessed):
            notifications.access_notification(db, made.id, ana)
        with pytest.raises(notifications.AlreadyAccessed):
            notifications.reject_notification(db, made.id, ana)
    assert outcomes(db, made.id) == ["accessed"]


def test_a_rejected_notification_keeps_its_content_closed(
    in_app: None, db: Session, principal_of: Callable[[str], Principal],
) -> None:
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    ana = principal_of("ana")
    with frozen_at(START + timedelta(days=2)):
        rejected = notifications.reject_notification(db, made.id, ana)
    assert rejected.state == NotificationState.REJECTED
    assert rejected.rejected_at == START + timedelta(days=2)
    assert documents.may_read(db, ana, documents.get_document(db, resolution)) is False
    assert outcomes(db, made.id) == ["rejected"]


def test_another_persons_notification_is_unknown_to_her(
    in_app: None, db: Session, principal_of: Callable[[str], Principal],
) -> None:
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    bernat = principal_of("bernat")
    for act in (notifications.get_notification_for, notifications.access_notification,
                notifications.reject_notification):
        with pytest.raises(notifications.UnknownNotification):
            act(db, made.id, bernat)
    assert notifications.notifications_for(db, bernat) == []
    assert notifications.get_notification_for(
        db, made.id, principal_of("ana")).state == NotificationState.AVAILABLE


def test_a_malformed_email_address_is_recorded_and_changes_nothing_else(
    in_app: None, db: Session,
) -> None:
    person = db.scalar(select(Person).where(Person.id_number == ANA[0]))
    assert person is not None
    person.email = "ana at nowhere"
    db.flush()
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution)
    assert made.state == NotificationState.AVAILABLE and made.exit_number
    assert made.alert_status == "alert not sent: invalid address"
    assert not [m for m in db.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == notifications.EMAIL_TOPIC)) if m.payload["to"] == "ana at nowhere"]


def test_notifying_a_document_that_is_not_in_the_file_is_refused_and_registers_nothing(
    in_app: None, db: Session,
) -> None:
    number, _ = resolution_file(db)
    other, resolution = resolution_file(db)
    before = db.scalar(select(OutboxMessage.id).order_by(OutboxMessage.id.desc()).limit(1))
    with pytest.raises(notifications.InvalidNotification) as refused:
        notify_of(db, number, resolution)
    assert [e.field for e in refused.value.errors] == ["document_id"]
    assert notifications.notifications_of_file(db, number) == []
    after = db.scalar(select(OutboxMessage.id).order_by(OutboxMessage.id.desc()).limit(1))
    assert before == after
    assert other != number


def test_a_communication_is_read_when_opened_without_exit_or_expiry(
    in_app: None, db: Session, principal_of: Callable[[str], Principal],
) -> None:
    number, resolution = resolution_file(db)
    made = notify_of(db, number, resolution, kind="communication")
    assert made.exit_number is None and made.expires_at is None and made.days_left is None
    opened = notifications.access_notification(db, made.id, principal_of("ana"))
    assert opened.state == NotificationState.READ
    again = notifications.access_notification(db, made.id, principal_of("ana"))
    assert again.state == NotificationState.READ
    assert outcomes(db, made.id) == []


def test_a_notification_from_an_unknown_unit_is_refused(in_app: None, db: Session) -> None:
    number, resolution = resolution_file(db)
    with pytest.raises(notifications.InvalidNotification) as refused:
        notifications.notify(db, NewNotification(
            file_number=number, document_id=resolution, addressee_id_number=ANA[0],
            addressee_name=ANA[1], subject="Info", sending_unit="NOPE",
            kind="communication"), actor="clerk")
    assert [e.field for e in refused.value.errors] == ["sending_unit"]
    assert notifications.notifications_of_file(db, number) == []
