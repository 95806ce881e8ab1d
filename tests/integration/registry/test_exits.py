"""The exit register: what the city sends out takes the next number of its exit register
(gap-free, its own sequence), opens no file and asks for no receipt; an entry cannot go
to an exit register, nor an exit to an entry register, and a bad exit consumes no
number."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import registry
from eoffice.audit.models import AuditEvent
from eoffice.registry import Channel, DeliveredDocument, NewEntry, NewExit, Party
from eoffice.shared.outbox import OutboxMessage

ANA = Party("Ana García Puig", "nif", "12345678Z")
RESOLUTION = DeliveredDocument("Resolución", "b" * 64, 5400, "application/pdf")


def exit_of(subject: str = "Notification of the resolution", **changes: object) -> NewExit:
    values: dict[str, object] = {"sending_unit": "URB", "subject": subject,
                                 "addressees": [ANA], "documents": [RESOLUTION],
                                 "file_number": "URB/2026/000001"}
    values.update(changes)
    return NewExit(**values)  # type: ignore[arg-type]


def test_exits_are_numbered_in_their_own_register_without_gaps(db: Session) -> None:
    first = registry.register_exit(db, exit_of(), actor="clerk")
    second = registry.register_exit(db, exit_of(), actor="clerk")
    assert first.number.startswith("S/") and second.number.startswith("S/")
    assert int(second.number.rsplit("/", 1)[1]) == int(first.number.rsplit("/", 1)[1]) + 1
    event = db.scalar(select(AuditEvent).where(AuditEvent.object_id == first.id))
    assert event is not None and event.action == registry.EXIT_REGISTERED
    assert event.data["file"] == "URB/2026/000001"
    handed_off = db.scalars(select(OutboxMessage.topic).where(
        OutboxMessage.dedup_key.like(f"%{first.id}%"))).all()
    assert handed_off == []  # no file is opened and no receipt is issued for an exit


def test_a_bad_exit_is_refused_and_consumes_no_number(db: Session) -> None:
    before = registry.register_exit(db, exit_of(), actor="clerk")
    for bad in (exit_of(subject=" "), exit_of(addressees=[]), exit_of(sending_unit="NOPE")):
        with pytest.raises(registry.InvalidEntry), db.begin_nested():
            registry.register_exit(db, bad, actor="clerk")
    after = registry.register_exit(db, exit_of(), actor="clerk")
    assert int(after.number.rsplit("/", 1)[1]) == int(before.number.rsplit("/", 1)[1]) + 1


def test_entries_and_exits_keep_to_their_own_registers(db: Session) -> None:
    with pytest.raises(registry.WrongRegisterKind), db.begin_nested():
        registry.register_exit(db, exit_of(register="RGE"), actor="clerk")
    with pytest.raises(registry.WrongRegisterKind), db.begin_nested():
        registry.register_entry(db, NewEntry(
            register="RGS", channel=Channel.ONLINE, subject="x", destination_unit="URB",
            parties=[ANA]), actor="ana")
