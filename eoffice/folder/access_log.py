"""Who in the administration accessed a citizen's files and submissions: every read and
download the access log holds about her files (their documents, archived records), her
applications and their registry entries, and the events of the chained audit log whose
object is one of her files or submissions (what moved them). Only her own files (those
where she is a party) and her own submissions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice import audit, documents, files, identity
from eoffice.folder.labels import ANONYMOUS_READER
from eoffice.identity import Principal
from eoffice.shared.errors import DomainError

FILE_VIEWED = "files.file_viewed"
#: What a party is shown of her file's audit trail: who looked at it and what moved it
#: (internal annotations and the office's own book-keeping stay internal).
FILE_ACTIONS = (FILE_VIEWED, "files.file_opened", "files.opened", "files.document_added",
                "files.sent", "files.received", "files.returned", "files.phase_changed",
                "files.closed")
MAX_EVENTS = 500
ANONYMOUS = "anonymous"  # the access log's actor for a download by verification code


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
    detail: str | None = None  # the document's title, for a document


@dataclass(frozen=True)
class Line:
    """One event or access before its actor and unit are named."""

    at: datetime
    actor: str
    unit_code: str | None
    action: str
    object_type: str
    label: str
    detail: str | None = None


@dataclass(frozen=True)
class Official:
    name: str
    units: frozenset[str]  # where she holds a role (and the units below)
    staff: bool = True  # works in the administration (not another citizen)


def _official(session: Session, login: str, cache: dict[str, Official]) -> Official:
    if login == ANONYMOUS:
        return Official(str(ANONYMOUS_READER), frozenset(), staff=False)
    if login not in cache:
        try:
            account = identity.get_account(session, login)
            principal = identity.load_principal(session, account, authenticated_by="audit")
            cache[login] = Official(
                identity.describe_person(session, account.person_id).name,
                frozenset(u for g in principal.role_grants for u in g.units or ()),
                staff=principal.can(identity.Permission.USE_BACKOFFICE, somewhere=True))
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


def _file_events(session: Session, own_files: list[Any],
                 views_until: datetime | None) -> list[Line]:
    """Events about the files by number (views) and by id (the file's own history). Views
    are taken from the chained log only before ``views_until`` (when the access log,
    which has every one of them, began)."""
    labels: dict[str, str] = {f.number: f.number for f in own_files}
    for f in own_files:
        brief = files.find_file_brief_by_number(session, f.number)
        if brief is not None:
            labels[brief.id] = brief.number
    moves = [action for action in FILE_ACTIONS if action != FILE_VIEWED]
    found = audit.events_about(session, "file", list(labels), moves, limit=MAX_EVENTS)
    found += [e for e in audit.events_about(session, "file", list(labels), [FILE_VIEWED],
                                            limit=MAX_EVENTS)
              if views_until is None or e.occurred_at < views_until]
    return [Line(e.occurred_at, e.actor, e.unit_code, e.action, e.object_type,
                 labels[e.object_id]) for e in found]


def _reads(session: Session, principal: Principal, own_files: list[Any],
           submission_labels: dict[str, str], registry_numbers: list[str]) -> list[Line]:
    """Every read and download of the access log about her files (their documents and
    archived records), her applications and their registry entries. A document is named
    by its title only when she may read it herself (an internal report's title may say
    more than she is to know yet), and a download of a document of hers made through
    another file is not hers to see."""
    numbers = [f.number for f in own_files]
    held = files.documents_of_files(session, numbers)
    found = audit.accesses_about(
        session, subjects={"file": numbers, "submission": list(submission_labels),
                           "registry_entry": registry_numbers},
        objects={"submission": list(submission_labels), "document": list(held)},
        limit=MAX_EVENTS)
    readable: dict[str, bool] = {}  # document id → she may read it (asked once each)
    lines = []
    for a in found:
        label, detail = a.subject_id or a.object_id, None
        if a.object_type == "document" and a.object_id in held:
            if a.subject_type == "file" and a.subject_id not in numbers:
                continue
            label, title = held[a.object_id]
            if a.object_id not in readable:
                readable[a.object_id] = _readable(session, principal, a.object_id)
            detail = title if readable[a.object_id] else None
        elif a.object_type == "submission":
            label = submission_labels.get(a.object_id, label)
        lines.append(Line(a.accessed_at, a.actor, a.unit_code,
                          f"access.{a.action}.{a.object_type}", a.object_type, label, detail))
    return lines


def _readable(session: Session, principal: Principal, document_id: str) -> bool:
    try:
        return documents.may_read(session, principal, documents.get_document(session,
                                                                             document_id))
    except documents.UnknownDocument:
        return False


def access_log(session: Session, principal: Principal, *, own_files: list[Any],
               own_submissions: list[Any], locale: str) -> list[AccessEntry]:
    """The reads of and events about the principal's own files and submissions, newest
    first, done by someone other than herself."""
    found = _file_events(session, own_files, audit.access_log_started(session))
    labels = {s.id: s.registry_number or s.id[:8] for s in own_submissions if s.sent}
    found += [Line(e.occurred_at, e.actor, e.unit_code, e.action, e.object_type,
                   labels[e.object_id])
              for e in audit.events_about(session, "submission", list(labels),
                                          limit=MAX_EVENTS)]
    found += _reads(session, principal, own_files, labels,
                    [s.registry_number for s in own_submissions if s.registry_number])
    found.sort(key=lambda line: line.at, reverse=True)
    people: dict[str, Official] = {}
    units: dict[str, str | None] = {}
    entries = []
    for line in found[:MAX_EVENTS]:
        if line.actor == principal.login:
            continue
        official = _official(session, line.actor, people)
        if line.action.startswith("access.") and not official.staff \
                and line.actor != ANONYMOUS:
            continue  # another citizen (a co-party, a representative): not the administration
        unit = _unit_of(official, line.unit_code) if line.actor != ANONYMOUS else None
        entries.append(AccessEntry(line.at, line.actor, official.name, unit,
                                   _unit(session, unit, locale, units), line.action,
                                   line.object_type, line.label, line.detail))
    return entries
