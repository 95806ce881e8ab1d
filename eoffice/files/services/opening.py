"""Opening an administrative file for a registered entry, in the registration's
transaction: the number (``URB/2026/000001``, gap-free per unit and year, like registry
numbers: a counter row incremented in the same transaction), an audit event, and the
outbox message from which processing starts the procedure's process; the documents the
entry brought (application, attachments) join the file at once. When the procedure has a
term of resolution, the announcement carries it and the consumer of the announcement
starts counting it (:func:`start_resolution_term`, deadlines context) from the day of
entry, with the procedure's silence effect, so clerks see it on the file before it
expires; the registration's transaction (which holds the registry's number) stays as
short as before. A term the calendar cannot count yet (a year without holidays loaded)
is noted on the file's timeline instead."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice import audit, deadlines
from eoffice.files.domain import ActionKind, FileStatus
from eoffice.files.models import AdministrativeFile, FileCounter
from eoffice.files.services.documents import DocumentRef, add_document
from eoffice.files.services.history import record_action
from eoffice.files.services.parties import index_parties
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.counters import take_next
from eoffice.shared.localtime import local_date

OPENED_TOPIC = "files.file_opened"
RESOLUTION_TERM = "resolution"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewFile:
    unit_code: str
    subject: str
    parties: Sequence[Mapping[str, Any]]
    procedure: str | None = None
    case: str | None = None
    registry_entry_id: str | None = None
    submission_id: str | None = None
    documents: Sequence[DocumentRef] = ()
    resolution_term: Mapping[str, Any] | None = None  # {"value": 3, "unit": "months"}
    silence_effect: str | None = None  # approval | refusal


@dataclass(frozen=True)
class FileView:
    id: str
    number: str
    unit_code: str
    opened_at: datetime


def open_file(session: Session, new: NewFile, *, actor: str) -> FileView:
    """Open the file of ``new`` and announce it (processing starts from the message)."""
    now = utcnow()
    year = local_date(now).year
    sequence = take_next(session, FileCounter, unit_code=new.unit_code, year=year)
    opened = AdministrativeFile(
        id=str(uuid.uuid4()), number=f"{new.unit_code}/{year}/{sequence:06d}",
        unit_code=new.unit_code, responsible_unit=new.unit_code, year=year, sequence=sequence,
        procedure_code=new.procedure, case_code=new.case, subject=new.subject[:500],
        parties=[dict(p) for p in new.parties], registry_entry_id=new.registry_entry_id,
        submission_id=new.submission_id, state=FileStatus.OPEN.value, opened_at=now,
        opened_by=actor)
    session.add(opened)
    session.flush()
    index_parties(session, opened)
    facts = {"file": opened.id, "number": opened.number, "unit": opened.unit_code,
             "procedure": new.procedure, "case": new.case,
             "registry_entry": new.registry_entry_id, "submission": new.submission_id,
             "resolution_term": dict(new.resolution_term) if new.resolution_term else None,
             "silence_effect": new.silence_effect}
    audit.record_event(session, OPENED_TOPIC, actor=actor, object_type="file",
                       object_id=opened.id, unit_code=opened.unit_code, data=facts)
    outbox.enqueue(session, OPENED_TOPIC, facts, dedup_key=f"{OPENED_TOPIC}:{opened.id}")
    record_action(session, opened, ActionKind.OPENED, actor=actor, at=now,
                  details={"registry_entry": new.registry_entry_id,
                           "procedure": new.procedure, "case": new.case}, audited=False)
    for ref in new.documents:
        add_document(session, opened, ref, actor=actor)
    return FileView(opened.id, opened.number, opened.unit_code, opened.opened_at)


def start_resolution_term(session: Session, file_id: str, *, term: Mapping[str, Any],
                          silence_effect: str | None, actor: str) -> bool:
    """Start counting the file's term of resolution from the day of entry (the day it was
    opened, or the next working day when that one is not: art. 31.2.b); False when it is
    counted already (the announcement delivered again)."""
    file = session.get(AdministrativeFile, file_id)
    if file is None or any(view.kind == RESOLUTION_TERM
                           for view in deadlines.list_deadlines(session, "file", file.id)):
        return False
    try:
        with session.begin_nested():
            deadlines.start_deadline(session, deadlines.NewDeadline(
                subject_kind="file", subject_id=file.id, kind=RESOLUTION_TERM,
                started_on=deadlines.deemed_filing_day(session, file.opened_at),
                term=dict(term),
                silence_effect=silence_effect), actor=actor)
    except (deadlines.CalendarNotCovered, deadlines.OutsideCalendar,
            deadlines.InvalidTermError) as exc:
        log.warning("file %s: the term of resolution is not counted: %s", file.number, exc)
        record_action(session, file, ActionKind.TERM_NOT_COUNTED, actor=actor,
                      details={"term": dict(term), "reason": str(exc)[:300]})
        return False
    return True
