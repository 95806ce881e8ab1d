"""The exit side of the registry: what the administration sends out (a notification made
available, a letter posted, a communication to another administration) takes the next
number of an exit register, gap-free per register and year as entries are, in the
caller's transaction. An exit opens no file and needs no receipt; it records the sending
unit, the addressees, the documents sent with their fingerprints and the file."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.registry.domain import (
    DeliveredDocument,
    EntryState,
    Party,
    RegisterKind,
    format_number,
)
from eoffice.registry.errors import InvalidEntry, RegisterClosed, WrongRegisterKind
from eoffice.registry.models import EntryMove, Register, RegistryEntry
from eoffice.registry.services.entries import RegistryEntryView, entry_problems
from eoffice.registry.services.numbering import take_next_number
from eoffice.registry.services.registers import get_register
from eoffice.shared.clock import utcnow
from eoffice.shared.i18n import _l
from eoffice.shared.localtime import local_date

EXIT_REGISTERED = "registry.exit_registered"


@dataclass(frozen=True)
class NewExit:
    """What an exit records besides its number and time. ``register`` may be omitted:
    the first open exit register is used."""

    sending_unit: str
    subject: str
    addressees: Sequence[Party]
    documents: Sequence[DeliveredDocument] = ()
    channel: str = "electronic_notification"  # or "postal", "other_administration"
    procedure: str | None = None
    file_number: str | None = None
    register: str | None = None


def _exit_register(session: Session, code: str | None) -> Register:
    found = get_register(session, code) if code is not None else session.scalar(
        select(Register).where(Register.kind == RegisterKind.EXIT.value,
                               Register.is_open.is_(True)).order_by(Register.id).limit(1))
    if found is None:
        raise RegisterClosed()
    register: Register = found
    if register.kind != RegisterKind.EXIT.value:
        raise WrongRegisterKind()
    if not register.is_open:
        raise RegisterClosed()
    return register


def _check(session: Session, new: NewExit) -> None:
    errors = entry_problems(
        session, subject=new.subject, unit=new.sending_unit, unit_field="sending_unit",
        parties_field="addressees", has_party=bool(new.addressees),
        party_message=str(_l("Name at least one addressee.")))
    if errors:
        raise InvalidEntry(errors=errors)


def register_exit(session: Session, new: NewExit, *, actor: str) -> RegistryEntryView:
    """Give ``new`` the next number of its exit register and record it, all or nothing."""
    register = _exit_register(session, new.register)
    _check(session, new)
    now = utcnow()
    year = local_date(now).year
    sequence = take_next_number(session, register.id, year)
    entry = RegistryEntry(
        id=str(uuid.uuid4()), register_id=register.id, year=year, sequence=sequence,
        number=format_number(register.number_format, prefix=register.prefix, year=year,
                             sequence=sequence, office=register.office_unit),
        registered_at=now, channel=new.channel, subject=new.subject.strip()[:500],
        procedure_code=new.procedure, case_code=None, destination_unit=new.sending_unit,
        parties=[party.as_dict() for party in new.addressees],
        documents=[document.as_dict() for document in new.documents],
        origin={"kind": "exit", "sending_unit": new.sending_unit},
        submission_id=None, file_number=new.file_number,
        state=EntryState.REGISTERED.value, registered_by=actor,
    )
    session.add(entry)
    session.flush()
    session.add(EntryMove(entry_id=entry.id, at=now, actor=actor, from_state=None,
                          to_state=EntryState.REGISTERED.value, unit=new.sending_unit))
    audit.record_event(session, EXIT_REGISTERED, actor=actor, object_type="registry_entry",
                       object_id=entry.id, unit_code=new.sending_unit,
                       data={"number": entry.number, "register": register.code,
                             "channel": new.channel, "file": new.file_number,
                             "documents": [d.sha256 for d in new.documents]})
    session.flush()
    return RegistryEntryView.of(entry)
