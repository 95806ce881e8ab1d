"""Who may see and move which registry entry, checked on the server for every entry:
the registry office's staff (``registry.register`` in the register's office unit) see
and distribute or cancel its entries; the destination unit's staff see what reached
them and accept or return it. Anyone else is told the entry does not exist."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity import Permission, Principal
from eoffice.registry.domain import EntryState
from eoffice.registry.errors import UnknownEntry, UnknownRegister
from eoffice.registry.models import Register, RegistryEntry
from eoffice.registry.services.books import utc_bounds
from eoffice.registry.services.registers import get_register

OFFICE_MOVES = frozenset({EntryState.DISTRIBUTED, EntryState.CANCELLED})
UNIT_MOVES = frozenset({EntryState.ACCEPTED, EntryState.RETURNED})


def may_view(principal: Principal, entry: RegistryEntry, register: Register) -> bool:
    return (principal.can(Permission.REGISTER_ENTRIES, unit=register.office_unit)
            or principal.can(Permission.VIEW_FILES, unit=entry.destination_unit))


def may_make_move(principal: Principal, entry: RegistryEntry, register: Register,
                  to: EntryState) -> bool:
    if to in OFFICE_MOVES:
        return principal.can(Permission.REGISTER_ENTRIES, unit=register.office_unit)
    return (to in UNIT_MOVES
            and principal.can(Permission.PROCESS_FILES, unit=entry.destination_unit))


def get_entry_for(session: Session, entry_id: str,
                  principal: Principal) -> tuple[RegistryEntry, Register]:
    """The entry and its register, if the principal may see it; else UnknownEntry."""
    found = session.get(RegistryEntry, entry_id) if len(entry_id) <= 36 else None
    register = session.get(Register, found.register_id) if found is not None else None
    if found is None or register is None or not may_view(principal, found, register):
        raise UnknownEntry()
    return found, register


def list_entries_for(session: Session, principal: Principal, *, start: date, end: date,
                     limit: int = 500) -> Sequence[tuple[RegistryEntry, str]]:
    """Entries of the period the principal may see, newest first, with register codes."""
    offices = principal.units_with(Permission.REGISTER_ENTRIES)
    units = principal.units_with(Permission.VIEW_FILES)
    low, high = utc_bounds(start, end)
    query = (select(RegistryEntry, Register.code)
             .join(Register, Register.id == RegistryEntry.register_id)
             .where(RegistryEntry.registered_at >= low, RegistryEntry.registered_at < high))
    if offices is not None and units is not None:
        query = query.where(or_(Register.office_unit.in_(sorted(offices)),
                                RegistryEntry.destination_unit.in_(sorted(units))))
    rows = session.execute(query.order_by(RegistryEntry.registered_at.desc(),
                                          RegistryEntry.sequence.desc()).limit(limit)).all()
    return [(entry, code) for entry, code in rows]


def offices_of(principal: Principal) -> frozenset[str] | None:
    """Offices where the principal registers (None: all); empty when none."""
    return principal.units_with(Permission.REGISTER_ENTRIES)


def get_office_register(session: Session, code: str, principal: Principal) -> Register:
    """The register ``code`` if the principal registers in its office (the book's
    readers); else UnknownRegister, as if it did not exist."""
    register = get_register(session, code)
    if not principal.can(Permission.REGISTER_ENTRIES, unit=register.office_unit):
        raise UnknownRegister()
    return register


def note_entry_read(entry: RegistryEntry, register: Register, principal: Principal, *,
                    channel: str) -> None:
    """Write to the access log that ``principal`` read ``entry`` (its parties are personal
    data): call before sending it."""
    audit.log_access(audit.Access(audit.READ, "registry_entry", entry.number, "registry_entry",
                                  entry.number, register.office_unit),
                     actor=principal.login, channel=channel)


def note_book_downloaded(register_code: str, start: date, end: date,
                         principal: Principal) -> None:
    """Write to the access log that ``principal`` took the register's book of a period."""
    audit.log_access(audit.Access(audit.DOWNLOAD, "register_book",
                                  f"{register_code}:{start.isoformat()}..{end.isoformat()}"),
                     actor=principal.login, channel="api")
