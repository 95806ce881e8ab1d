"""The phase of an open file as the interested parties see it (in process, awaiting the
applicant, hearing, resolved, notified, withdrawn): changed by the file's process or a
clerk, recorded on the file's timeline, and read by the citizen's portal through the
application that opened the file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.files.domain import ActionKind, FilePhase, FileStatus
from eoffice.files.errors import UnknownFile
from eoffice.files.models import AdministrativeFile
from eoffice.files.services.access import require_open
from eoffice.files.services.history import record_action
from eoffice.shared.clock import utcnow
from eoffice.shared.i18n import _l

PHASE_NAMES = {
    FilePhase.IN_PROCESS: _l("In process"),
    FilePhase.AWAITING_APPLICANT: _l("Waiting for you to complete the application"),
    FilePhase.HEARING: _l("Hearing: you may make allegations"),
    FilePhase.RESOLVED: _l("Resolved"),
    FilePhase.NOTIFIED: _l("Resolution notified"),
    FilePhase.WITHDRAWN: _l("Withdrawn"),
}
"""What a citizen (and a clerk) reads for each phase."""


@dataclass(frozen=True)
class FileProgress:
    """How far a file has come, for the portal of the application that opened it."""

    number: str
    phase: str
    closed: bool
    changed_at: datetime | None

    @property
    def label(self) -> str:
        return str(PHASE_NAMES.get(FilePhase(self.phase), self.phase))


def set_phase(session: Session, file_id: str, phase: FilePhase | str, *, actor: str) -> bool:
    """Move the open file ``file_id`` to ``phase`` (on its timeline); False when it was
    already there. A closed file cannot change (FileClosed); an unknown phase is a
    ValueError (models are checked against the names when their operator runs)."""
    wanted = FilePhase(phase)
    file = session.get(AdministrativeFile, file_id, with_for_update=True)
    if file is None:
        raise UnknownFile()
    require_open(file)
    if file.phase == wanted:
        return False
    record_action(session, file, ActionKind.PHASE_CHANGED, actor=actor,
                  details={"from": file.phase, "to": wanted.value})
    file.phase, file.phase_changed_at = wanted.value, utcnow()
    session.flush()
    return True


def progress_of_submission(session: Session, submission_id: str) -> FileProgress | None:
    """The progress of the file opened for the application ``submission_id`` (None: no
    file yet). The caller has checked that the reader may see the application."""
    file = session.scalar(select(AdministrativeFile)
                          .where(AdministrativeFile.submission_id == submission_id))
    if file is None:
        return None
    return FileProgress(number=file.number, phase=file.phase,
                        closed=file.state == FileStatus.CLOSED,
                        changed_at=file.phase_changed_at or file.opened_at)
