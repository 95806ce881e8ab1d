"""Who may see and do what in the archive, checked on the server.

Archivists (``archive.manage`` in any unit) see every archived file. Other staff see the
files of the units where they hold ``files.view``, except those of confidential series.
Citizens never search the archive (their own files stay in their folder)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.archive.domain import Confidentiality
from eoffice.archive.errors import NotAllowedInArchive, UnknownRecord
from eoffice.archive.index.port import Scope
from eoffice.archive.models import Record
from eoffice.identity import Permission, Principal

STAFF_LEVELS = frozenset({Confidentiality.PUBLIC.value, Confidentiality.RESTRICTED.value})
ALL_LEVELS = frozenset(level.value for level in Confidentiality)


def is_archivist(principal: Principal) -> bool:
    """Whether ``principal`` manages the archive (in any unit: the archive is one)."""
    return principal.can(Permission.MANAGE_ARCHIVE, somewhere=True)


def require_staff(principal: Principal) -> Principal:
    """``principal`` if she may use the archive's pages and API at all (an archivist, or
    staff with ``files.view`` somewhere); 403 ``archive.not_allowed`` otherwise."""
    if not is_archivist(principal) and not principal.can(Permission.VIEW_FILES,
                                                         somewhere=True):
        raise NotAllowedInArchive()
    return principal


def require_archivist(principal: Principal) -> None:
    if not is_archivist(principal):
        raise NotAllowedInArchive()


def scope_for(principal: Principal) -> Scope:
    """What ``principal`` may find in the archive; refuses citizens and outsiders."""
    if is_archivist(principal):
        return Scope(units=None, confidentiality=ALL_LEVELS)
    if not principal.can(Permission.VIEW_FILES, somewhere=True):
        raise NotAllowedInArchive()
    return Scope(units=principal.units_with(Permission.VIEW_FILES),
                 confidentiality=STAFF_LEVELS)


def may_see_record(principal: Principal, record: Record) -> bool:
    """Whether ``principal`` may see the archived file ``record``."""
    if is_archivist(principal):
        return True
    if record.confidentiality not in STAFF_LEVELS:
        return False
    return principal.can(Permission.VIEW_FILES, unit=record.unit_code)


def get_record(session: Session, number: str, *, for_update: bool = False) -> Record:
    """The archived file ``number`` (no permission check: the worker and services)."""
    statement = select(Record).where(Record.file_number == number)
    if for_update:
        statement = statement.with_for_update()
    record = session.scalar(statement)
    if record is None:
        raise UnknownRecord()
    return record


def get_record_for(session: Session, number: str, principal: Principal, *,
                   for_update: bool = False) -> Record:
    """The archived file ``number`` if ``principal`` may see it; 404 otherwise (never
    telling whether it exists)."""
    if not is_archivist(principal) and not principal.can(Permission.VIEW_FILES,
                                                         somewhere=True):
        raise NotAllowedInArchive()
    record = get_record(session, number, for_update=for_update)
    if not may_see_record(principal, record):
        raise UnknownRecord()
    return record
