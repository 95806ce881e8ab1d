"""A report asked of another unit by the file's process, on the file's timeline: which
unit, the question and the day it is due. The reporting unit works from its task (the
process's ``request_report`` subprocess); it is not given the file (no movement), so the
file stays with its responsible unit, which may go on adding documents and close it."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from eoffice.files.domain import ActionKind
from eoffice.files.errors import UnknownFile
from eoffice.files.models import AdministrativeFile
from eoffice.files.services.access import require_open
from eoffice.files.services.history import record_action

MAX_QUESTION = 500


def note_report_requested(session: Session, file_id: str, *, unit_code: str,
                          question: str = "", due_on: date | None = None,
                          actor: str) -> None:
    """Record on the open file ``file_id`` that a report was asked of ``unit_code``.
    UnknownFile; FileClosed once it is closed."""
    file = session.get(AdministrativeFile, file_id, with_for_update=True)
    if file is None:
        raise UnknownFile()
    require_open(file)
    details: dict[str, str] = {"to": unit_code}
    if question.strip():
        details["question"] = question.strip()[:MAX_QUESTION]
    if due_on is not None:
        details["due_on"] = due_on.isoformat()
    record_action(session, file, ActionKind.REPORT_REQUESTED, actor=actor, details=details)
