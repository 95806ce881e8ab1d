"""The folder's services on a real database: consents keep every change (the latest is in
force) and refuse unknown purposes; a contact change with any malformed value saves
nothing; the audit read gives only the events about the objects asked for; a person's
payments are hers only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, identity, payments
from eoffice.folder import consents
from eoffice.folder.errors import ConsentUnchanged, UnknownPurpose
from eoffice.identity.models import Person
from eoffice.shared.clock import frozen_at
from tests.integration.payments.factories import pending_payment

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def person_id(db: Session, id_number: str) -> int:
    found = db.scalar(select(Person.id).where(Person.id_number == id_number))
    assert found is not None
    return found


def test_consents_keep_every_change_and_the_latest_is_in_force(db: Session) -> None:
    ana = person_id(db, "12345678Z")
    with frozen_at(START):
        consents.change_consent(db, ana, "sms_alerts", given=True, channel="web", actor="ana")
    with frozen_at(START + timedelta(days=1)):
        consents.change_consent(db, ana, "sms_alerts", given=False, channel="api",
                                actor="ana")
    with pytest.raises(ConsentUnchanged):
        consents.change_consent(db, ana, "sms_alerts", given=False, channel="web",
                                actor="ana")
    with pytest.raises(UnknownPurpose):
        consents.change_consent(db, ana, "marketing", given=True, channel="web", actor="ana")
    history = consents.consent_history(db, ana)
    assert [(h.given, h.channel, h.at) for h in history] == [
        (False, "api", START + timedelta(days=1)), (True, "web", START)]
    state = {s.purpose.key: s for s in consents.consents_of(db, ana)}
    assert state["sms_alerts"].given is False
    assert state["newsletter"].given is None  # never asked
    assert consents.consent_history(db, person_id(db, "87654321X")) == []


def test_a_contact_change_with_one_bad_value_saves_nothing(db: Session) -> None:
    ana = person_id(db, "12345678Z")
    before = identity.contact_of_person(db, ana)
    change = identity.ContactChange(email="ana@example.org", phone="+34 612 345 678",
                                    postal_address="", preferred_language="fr",
                                    notification_channel="electronic", email_alerts=False)
    with pytest.raises(identity.InvalidContact) as refused:
        identity.update_contact(db, ana, change, actor="ana")
    assert [e.field for e in refused.value.errors] == ["preferred_language"]
    assert refused.value.status == 422
    assert identity.contact_of_person(db, ana) == before


def test_events_about_gives_only_the_objects_and_actions_asked_for(db: Session) -> None:
    for object_id, action in (("F-1", "files.file_viewed"), ("F-1", "files.closed"),
                              ("F-2", "files.file_viewed")):
        audit.record_event(db, action, actor="clerk", object_type="file",
                           object_id=object_id)
    audit.record_event(db, "files.file_viewed", actor="clerk", object_type="submission",
                       object_id="F-1")
    found = audit.events_about(db, "file", ["F-1"], ["files.file_viewed"])
    assert [(e.object_type, e.object_id, e.action) for e in found] == [
        ("file", "F-1", "files.file_viewed")]
    assert len(audit.events_about(db, "file", ["F-1"])) == 2
    assert audit.events_about(db, "file", []) == []


def test_a_persons_payments_are_hers_only(db: Session) -> None:
    mine = pending_payment(db, "ana")
    theirs = pending_payment(db, "bernat")
    listed = {p.reference for p in payments.payments_of_person(
        db, person_id(db, "12345678Z"))}
    assert mine.reference in listed and theirs.reference not in listed
