"""Who in the administration accessed a citizen's files and submissions, read from the
audit log: views of her files (``files.file_viewed``, written by every staff view of a
file) and the other events whose object is one of her files or submissions. Only her own
files (those where she is a party) and her own submissions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice import audit, files, identity
from eoffice.identity import Principal
from eoffice.shared.errors import DomainError

FILE_VIEWED = "files.file_viewed"
#: What a party is shown of her file's audit trail: who looked at it and what moved it
#: (internal annotations and the office's own book-keeping stay internal).
FILE_ACTIONS = (FILE_VIEWED, "files.file_opened", "files.opened", "files.document_added",
                "files.sent", "files.received", "files.returned", "files.phase_changed",
                "files.closed")
MAX_EVENTS = 500


@dataclass(frozen=True)
class AccessEntry:
    """One line of the access log: when, who (name and unit) did what to which object."""

    at: datetime
    actor_login: str
    actor_name: str
    unit_code: str | None
    unit_name: str | None
    action: str
    object_type: str  # file | submission
    object_label: str  # the file's number or the submission's registry number


@dataclass(frozen=True)
class Official:
    name: str
    units: frozenset[str]  # where she holds a role (and the units below)


def _official(session: Session, login: str, cache: dict[str, Official]) -> Official:
    if login not in cache:
        try:
            account = identity.get_account(session, login)
            principal = identity.load_principal(session, account, authenticated_by="audit")
            cache[login] = Official(
                identity.describe_person(session, account.person_id).name,
                frozenset(u for g in principal.role_grants for u in g.units or ()))
        except (LookupError, DomainError):
            cache[login] = Official(login, frozenset())
    return cache[login]


def _unit_of(official: Official, event_unit: str | None) -> str | None:
    """The official's unit for the event: the unit it happened in when she holds a role
    there, else the first of hers (staff with city-wide roles: the event's unit)."""
    if event_unit is not None and (event_unit in official.units or not official.units):
        return event_unit
    return min(official.units) if official.units else event_unit


def _unit(session: Session, code: str | None, locale: str,
          cache: dict[str, str | None]) -> str | None:
    if code is None:
        return None
    if code not in cache:
        try:
            cache[code] = identity.describe_unit(session, code, locale=locale).name
        except identity.UnknownUnit:
            cache[code] = code
    return cache[code]


def _file_events(session: Session, own_files: list[Any]) -> list[tuple[audit.EventView, str]]:
    """Events about the files by number (views) and by id (the file's own history)."""
    labels: dict[str, str] = {f.number: f.number for f in own_files}
    for f in own_files:
        brief = files.find_file_brief_by_number(session, f.number)
        if brief is not None:
            labels[brief.id] = brief.number
    return [(e, labels[e.object_id])
            for e in audit.events_about(session, "file", list(labels), FILE_ACTIONS,
                                                limit=MAX_EVENTS)]


def access_log(session: Session, principal: Principal, *, own_files: list[Any],
               own_submissions: list[Any], locale: str) -> list[AccessEntry]:
    """The events about the principal's own files and submissions, newest first, done by
    someone other than herself."""
    found = _file_events(session, own_files)
    labels = {s.id: s.registry_number or s.id[:8] for s in own_submissions if s.sent}
    found += [(e, labels[e.object_id]) for e in audit.events_about(
        session, "submission", list(labels), limit=MAX_EVENTS)]
    found.sort(key=lambda pair: pair[0].seq, reverse=True)
    people: dict[str, Official] = {}
    units: dict[str, str | None] = {}
    entries = []
    for e, label in found[:MAX_EVENTS]:
        if e.actor == principal.login:
            continue
        official = _official(session, e.actor, people)
        unit = _unit_of(official, e.unit_code)
        entries.append(AccessEntry(e.occurred_at, e.actor, official.name, unit,
                                   _unit(session, unit, locale, units), e.action,
                                   e.object_type, label))
    return entries
