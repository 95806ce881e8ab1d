"""Registering entries: numbers in order per register and year, everything recorded in
one transaction, bad entries refused without consuming a number, moves with reasons,
and the book of a period."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import registry
from eoffice.audit.models import AuditEvent
from eoffice.registry import Channel, DeliveredDocument, EntryState, NewEntry, Party
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import OutboxMessage

ANA = Party("Ana García Puig", "nif", "12345678Z")


def entry(subject: str = "Noise complaint", **changes: object) -> NewEntry:
    values: dict[str, object] = {
        "register": "RGE", "channel": Channel.ONLINE, "subject": subject,
        "destination_unit": "URB", "parties": [ANA],
        "documents": [DeliveredDocument("application.pdf", "a" * 64, 1200, "application/pdf")],
        "procedure": "general-application", "case": "standard",
    }
    values.update(changes)
    return NewEntry(**values)  # type: ignore[arg-type]


def test_numbers_follow_each_other_and_restart_each_year(db: Session) -> None:
    with frozen_at(datetime(2026, 12, 31, 22, 30, tzinfo=UTC)):  # 23:30 in Valencia
        first = registry.register_entry(db, entry(), actor="ana")
        second = registry.register_entry(db, entry(), actor="ana")
    with frozen_at(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)):  # 00:30 on 1 January
        new_year = registry.register_entry(db, entry(), actor="ana")
    assert second.sequence == first.sequence + 1 and first.year == 2026
    assert new_year.number == "E/2027/000001"
    assert second.number == f"E/2026/{second.sequence:06d}"


def test_a_registration_is_audited_and_handed_off_through_the_outbox(db: Session) -> None:
    done = registry.register_entry(db, entry(), actor="ana")
    event = db.scalar(select(AuditEvent).where(AuditEvent.object_id == done.id))
    assert event is not None and event.action == "registry.entry_registered"
    message = db.scalar(select(OutboxMessage)
                        .where(OutboxMessage.dedup_key == f"{registry.REGISTERED_TOPIC}:{done.id}"))
    assert message is not None and message.payload["number"] == done.number


def test_an_incomplete_entry_is_refused_and_consumes_no_number(db: Session) -> None:
    before = registry.register_entry(db, entry(), actor="ana")
    for bad in (entry(subject="  "), entry(parties=[]), entry(destination_unit="NOPE")):
        with pytest.raises(registry.InvalidEntry) as refused, db.begin_nested():
            registry.register_entry(db, bad, actor="ana")
        assert refused.value.errors
    after = registry.register_entry(db, entry(), actor="ana")
    assert after.sequence == before.sequence + 1


def test_an_entry_is_distributed_returned_with_a_reason_and_accepted(db: Session) -> None:
    done = registry.register_entry(db, entry(destination_unit="REG"), actor="clerk")
    registry.move_entry(db, done, EntryState.DISTRIBUTED, actor="clerk", unit="URB")
    with pytest.raises(registry.ReasonRequired):
        registry.move_entry(db, done, EntryState.RETURNED, actor="clerk", reason=" ")
    registry.move_entry(db, done, EntryState.RETURNED, actor="clerk",
                        reason="Not ours: the Finance Service handles this.")
    registry.move_entry(db, done, EntryState.DISTRIBUTED, actor="clerk", unit="HAC")
    registry.move_entry(db, done, EntryState.ACCEPTED, actor="clerk2")
    assert done.state == "accepted" and done.destination_unit == "HAC"
    with pytest.raises(registry.NotAllowedMove):
        registry.move_entry(db, done, EntryState.CANCELLED, actor="clerk", reason="late")


def test_the_book_lists_the_period_in_number_order_as_safe_csv(db: Session) -> None:
    with frozen_at(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)):
        first = registry.register_entry(db, entry("=HYPERLINK(\"x\")"), actor="ana")
        second = registry.register_entry(db, entry(channel=Channel.IN_PERSON), actor="clerk")
    with frozen_at(datetime(2026, 3, 4, 9, 0, tzinfo=UTC)):
        registry.register_entry(db, entry(), actor="ana")
    rows = registry.list_book(db, start=date(2026, 3, 1), end=date(2026, 3, 2),
                              register="RGE")
    assert [e.number for e, _code in rows] == [first.number, second.number]
    text = registry.book_csv(rows)
    assert text.splitlines()[0].startswith("number,registered_at,register")
    assert "'=HYPERLINK" in text and "2026-03-02T10:00:00+01:00" in text
    stats = registry.statistics(rows)
    assert stats.total == 2 and stats.by_channel == {"online": 1, "in_person": 1}
    assert stats.by_day == {"2026-03-02": 2}
