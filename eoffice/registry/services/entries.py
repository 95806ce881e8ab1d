"""Registering an entry (or exit) and moving it between units. The number is taken in
the same transaction as the entry is written; the registration writes an audit event
and an outbox message for the hand-off to processing."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.registry.domain import (
    NEEDS_REASON,
    RECEIPT_DUE_TOPIC,
    REGISTERED_TOPIC,
    Channel,
    DeliveredDocument,
    EntryState,
    Party,
    RegisterKind,
    format_number,
    may_move,
)
from eoffice.registry.errors import (
    InvalidEntry,
    NotAllowedMove,
    ReasonRequired,
    RegisterClosed,
    UnknownEntry,
    WrongRegisterKind,
)
from eoffice.registry.models import EntryMove, Register, RegistryEntry
from eoffice.registry.services.numbering import take_next_number
from eoffice.registry.services.registers import get_register
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _l
from eoffice.shared.localtime import local_date


@dataclass(frozen=True)
class NewEntry:
    """What a registration records besides its number and time."""

    register: str
    channel: Channel
    subject: str
    destination_unit: str
    parties: Sequence[Party]
    documents: Sequence[DeliveredDocument] = ()
    procedure: str | None = None
    case: str | None = None
    submission_id: str | None = None
    origin: Mapping[str, str] = field(default_factory=lambda: {"kind": "citizen"})
    language: str = "es"  # of the receipt


@dataclass(frozen=True)
class RegistryEntryView:
    """What other contexts keep of an entry: its id, number, time and where it went."""

    id: str
    number: str
    registered_at: datetime
    state: str
    destination_unit: str

    @classmethod
    def of(cls, entry: RegistryEntry) -> RegistryEntryView:
        return cls(entry.id, entry.number, entry.registered_at, entry.state,
                   entry.destination_unit)


def entry_problems(session: Session, *, subject: str, unit: str, unit_field: str,
                   parties_field: str, has_party: bool,
                   party_message: str) -> list[FieldError]:
    """What is wrong with the subject, the unit and the parties of an entry or exit."""
    errors = []
    if not subject.strip() or len(subject) > 500:
        errors.append(FieldError("subject", str(_l("Give a subject of up to 500 characters.")),
                                 "invalid"))
    if not has_party:
        errors.append(FieldError(parties_field, party_message, "required"))
    try:
        identity.describe_unit(session, unit, locale="es")
    except identity.UnknownUnit:
        errors.append(FieldError(unit_field, str(_l("There is no such unit.")), "unknown"))
    return errors


def _check(session: Session, new: NewEntry) -> None:
    errors = entry_problems(
        session, subject=new.subject, unit=new.destination_unit,
        unit_field="destination_unit", parties_field="parties",
        has_party=any(party.role == "interested" for party in new.parties),
        party_message=str(_l("Name at least one interested party.")))
    if errors:
        raise InvalidEntry(errors=errors)


def register_entry(session: Session, new: NewEntry, *, actor: str) -> RegistryEntry:
    """Give ``new`` the next number of its register and record it, all or nothing."""
    register = get_register(session, new.register)
    if register.kind != RegisterKind.ENTRY.value:
        raise WrongRegisterKind()
    if not register.is_open:
        raise RegisterClosed()
    _check(session, new)
    now = utcnow()
    year = local_date(now).year
    sequence = take_next_number(session, register.id, year)
    entry = RegistryEntry(
        id=str(uuid.uuid4()), register_id=register.id, year=year, sequence=sequence,
        number=format_number(register.number_format, prefix=register.prefix, year=year,
                             sequence=sequence, office=register.office_unit),
        registered_at=now, channel=new.channel.value, subject=new.subject.strip(),
        procedure_code=new.procedure, case_code=new.case,
        destination_unit=new.destination_unit,
        parties=[party.as_dict() for party in new.parties],
        documents=[document.as_dict() for document in new.documents],
        origin=dict(new.origin), submission_id=new.submission_id,
        state=EntryState.REGISTERED.value, registered_by=actor,
    )
    session.add(entry)
    session.flush()  # no ORM relationship orders the inserts: the entry goes first
    session.add(EntryMove(entry_id=entry.id, at=now, actor=actor, from_state=None,
                          to_state=EntryState.REGISTERED.value, unit=new.destination_unit))
    facts = {"number": entry.number, "register": register.code, "channel": entry.channel,
             "procedure": new.procedure, "case": new.case, "submission": new.submission_id,
             "destination_unit": new.destination_unit,
             "documents": [d.sha256 for d in new.documents]}
    audit.record_event(session, REGISTERED_TOPIC, actor=actor, object_type="registry_entry",
                       object_id=entry.id, unit_code=new.destination_unit, data=facts)
    outbox.enqueue(session, REGISTERED_TOPIC, {"entry": entry.id, **facts},
                   dedup_key=f"{REGISTERED_TOPIC}:{entry.id}")
    outbox.enqueue(session, RECEIPT_DUE_TOPIC, {"entry": entry.id, "language": new.language},
                   dedup_key=f"{RECEIPT_DUE_TOPIC}:{entry.id}")
    session.flush()
    return entry


def get_entry(session: Session, entry_id: str) -> RegistryEntry:
    found = session.get(RegistryEntry, entry_id) if len(entry_id) <= 36 else None
    if found is None:
        raise UnknownEntry()
    return found


def destination_units(session: Session, entry_ids: Collection[str]) -> dict[str, str]:
    """The unit each entry is with now, for many entries in one query."""
    if not entry_ids:
        return {}
    rows = session.execute(select(RegistryEntry.id, RegistryEntry.destination_unit)
                           .where(RegistryEntry.id.in_(list(entry_ids))))
    return {entry_id: unit for entry_id, unit in rows}


def find_entry_for_submission(session: Session, submission_id: str) -> RegistryEntry | None:
    return session.scalar(select(RegistryEntry)
                          .where(RegistryEntry.submission_id == submission_id))


def entries_of_file(session: Session, file_number: str, *,
                    also: Collection[str] = ()) -> list[tuple[str, RegistryEntry]]:
    """The entries and exits naming the file ``file_number``, and the entries ``also``
    (the one that opened it), oldest first, each with its register's kind (the archive
    indexes them)."""
    wanted = RegistryEntry.file_number == file_number[:60]
    if also:
        wanted = wanted | RegistryEntry.id.in_(list(also))
    rows = session.execute(select(Register.kind, RegistryEntry)
                           .join(Register, Register.id == RegistryEntry.register_id)
                           .where(wanted).order_by(RegistryEntry.registered_at))
    return [(kind, entry) for kind, entry in rows]


def move_entry(session: Session, entry: RegistryEntry, to: EntryState, *, actor: str,
               unit: str | None = None, reason: str | None = None) -> RegistryEntry:
    """Distribute an entry to a unit, accept or return it, or cancel it (with a reason)."""
    current = EntryState(entry.state)
    if not may_move(current, to):
        raise NotAllowedMove()
    if to in NEEDS_REASON and not (reason or "").strip():
        raise ReasonRequired()
    if to == EntryState.DISTRIBUTED and unit:
        try:
            identity.describe_unit(session, unit[:50], locale="es")
        except identity.UnknownUnit:
            raise InvalidEntry(errors=[FieldError("unit", str(_l("There is no such unit.")),
                                                  "unknown")]) from None
        entry.destination_unit = unit
    session.add(EntryMove(entry_id=entry.id, at=utcnow(), actor=actor,
                          from_state=current.value, to_state=to.value,
                          unit=entry.destination_unit, reason=(reason or None)))
    entry.state = to.value
    audit.record_event(session, f"registry.entry_{to.value}", actor=actor,
                       object_type="registry_entry", object_id=entry.id,
                       unit_code=entry.destination_unit,
                       data={"number": entry.number, "reason": reason})
    return entry


def list_moves(session: Session, entry: RegistryEntry) -> Sequence[EntryMove]:
    return session.scalars(select(EntryMove).where(EntryMove.entry_id == entry.id)
                           .order_by(EntryMove.id)).all()
