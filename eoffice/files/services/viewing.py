"""Staff reading a file leave a trace the file's parties can see ("who in the
administration accessed my files"): the audit event ``files.file_viewed`` (object the
file's number, actor the login, unit the file's responsible unit), at most one per
person, file and hour. A mark per person and file (``files_view_mark``) says when the
last one was written, so a view inside the hour costs one indexed read and no write.

Besides, every view and every download of a file's document is written to the access
log (``audit.log_access``, ADR 0052), unthrottled, before the data is sent."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.files.models import AdministrativeFile, FileViewMark
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work

VIEWED = "files.file_viewed"
QUIET = timedelta(hours=1)


def _recent(session: Session, file_id: str, actor: str, *, lock: bool = False) -> bool | None:
    """True if the last event is less than an hour old, False if older, None if none."""
    query = select(FileViewMark).where(FileViewMark.file_id == file_id,
                                       FileViewMark.actor == actor)
    mark = session.scalar(query.with_for_update() if lock else query)
    if mark is None:
        return None
    return utcnow() - mark.audited_at < QUIET


def note_document_downloaded(file: AdministrativeFile, document_id: str, principal: Principal,
                             *, channel: str) -> None:
    """Write to the access log that ``principal`` downloaded a document of ``file``."""
    audit.log_access(audit.Access(audit.DOWNLOAD, "document", document_id, "file", file.number,
                                  file.responsible_unit), actor=principal.login, channel=channel)


def note_file_viewed(number: str, principal: Principal, *, channel: str = "api") -> bool:
    """Record that ``principal`` (staff) read the file numbered ``number``: always in the
    access log, and as an audit event unless she read it less than an hour ago; whether
    an event was written. Call before the file is sent to her (the caller checked she
    may see it)."""
    actor = principal.login[:100]
    with reader() as db:
        found = db.execute(select(AdministrativeFile.id, AdministrativeFile.responsible_unit)
                           .where(AdministrativeFile.number == number[:60])).first()
        if found is None:
            return False
        recent = _recent(db, found.id, actor)
    audit.log_access(audit.Access(audit.READ, "file", number, "file", number,
                                  found.responsible_unit), actor=principal.login, channel=channel)
    if recent:
        return False
    file_id, unit = found.id, found.responsible_unit
    with unit_of_work() as db:
        recent = _recent(db, file_id, actor, lock=True)
        if recent:
            return False
        now = utcnow()
        if recent is None:
            try:
                with db.begin_nested():
                    db.add(FileViewMark(file_id=file_id, actor=actor, audited_at=now))
            except IntegrityError:  # another request of hers wrote it just now
                return False
        else:
            mark = db.scalar(select(FileViewMark).where(FileViewMark.file_id == file_id,
                                                        FileViewMark.actor == actor))
            assert mark is not None
            mark.audited_at = now
        audit.record_event(db, VIEWED, actor=actor, object_type="file", object_id=number,
                           unit_code=unit, data={"number": number})
    return True


def file_views_of(session: Session, numbers: list[str], *, limit: int = 500
                  ) -> list[audit.EventView]:
    """The staff views of these files (newest first), for their parties' folder."""
    return audit.events_about(session, "file", numbers, [VIEWED], limit=limit)
