"""Groupings of files processed together: a unit groups files (numbered
``URB/2026/G0001``, with a name and the reason), adds and removes members, and each
addition or removal is written in the member file's actions history. A file may be in
several groupings; a closed file is neither added nor removed (it is immutable)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.files.domain import ActionKind
from eoffice.files.errors import AlreadyGrouped, InvalidGrouping, NotGrouped, UnknownGrouping
from eoffice.files.grouping_models import FileGrouping, GroupedFile, GroupingCounter
from eoffice.files.models import AdministrativeFile
from eoffice.files.services.access import require_open
from eoffice.files.services.history import record_action
from eoffice.shared.clock import utcnow
from eoffice.shared.counters import take_next
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date

MAX_NAME = 200
MAX_REASON = 1000


@dataclass(frozen=True)
class GroupedFileView:
    """A member file the reader may see."""

    number: str
    subject: str | None
    status: str
    unit: str
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class GroupingView:
    id: int
    number: str
    name: str
    reason: str
    unit: str
    created_at: datetime
    created_by: str
    files: tuple[GroupedFileView, ...] = ()
    hidden_files: int = 0  # members the reader may not see: counted, never shown


def _summary(row: FileGrouping, files: Sequence[GroupedFileView] = (),
             hidden: int = 0) -> GroupingView:
    return GroupingView(row.id, row.number, row.name, row.reason, row.unit_code,
                        row.created_at, row.created_by, tuple(files), hidden)


def _checked_text(name: str, reason: str) -> tuple[str, str]:
    name, reason = name.strip(), reason.strip()
    errors = []
    if not name or len(name) > MAX_NAME:
        errors.append(FieldError("name", _("Give a name of up to %(n)s characters.",
                                           n=MAX_NAME), "required"))
    if not reason or len(reason) > MAX_REASON:
        errors.append(FieldError("reason", _("Give the reason, in up to %(n)s characters.",
                                             n=MAX_REASON), "required"))
    if errors:
        raise InvalidGrouping(errors=errors)
    return name, reason


def create_grouping(session: Session, *, unit_code: str, name: str, reason: str,
                    actor: str) -> GroupingView:
    """A new, empty grouping of ``unit_code`` (UnknownUnit when there is no such unit)."""
    name, reason = _checked_text(name, reason)
    identity.describe_unit(session, unit_code, locale="en")
    now = utcnow()
    year = local_date(now).year
    sequence = take_next(session, GroupingCounter, unit_code=unit_code, year=year)
    row = FileGrouping(number=f"{unit_code}/{year}/G{sequence:04d}", unit_code=unit_code,
                       year=year, sequence=sequence, name=name, reason=reason,
                       created_at=now, created_by=actor)
    session.add(row)
    session.flush()
    audit.record_event(session, "files.grouping_created", actor=actor,
                       object_type="file_grouping", object_id=str(row.id),
                       unit_code=unit_code, data={"number": row.number, "name": name})
    return _summary(row)


def get_grouping(session: Session, grouping_id: int, *,
                 for_update: bool = False) -> FileGrouping:
    query = select(FileGrouping).where(FileGrouping.id == grouping_id)
    found = session.scalar(query.with_for_update() if for_update else query)
    if found is None:
        raise UnknownGrouping()
    return found


def add_to_grouping(session: Session, grouping: FileGrouping, file: AdministrativeFile, *,
                    actor: str) -> None:
    """Add the open ``file`` (the caller holds its row lock and checked who acts)."""
    require_open(file)
    if _member(session, grouping, file) is not None:
        raise AlreadyGrouped()
    now = utcnow()
    session.add(GroupedFile(grouping_id=grouping.id, file_id=file.id, added_at=now,
                            added_by=actor))
    record_action(session, file, ActionKind.GROUPED, actor=actor, at=now,
                  details=_facts(grouping))


def remove_from_grouping(session: Session, grouping: FileGrouping,
                         file: AdministrativeFile, *, actor: str) -> None:
    """Take the open ``file`` out of the grouping (NotGrouped when it is not in it)."""
    require_open(file)
    member = _member(session, grouping, file)
    if member is None:
        raise NotGrouped()
    session.delete(member)
    record_action(session, file, ActionKind.UNGROUPED, actor=actor, details=_facts(grouping))


def _facts(grouping: FileGrouping) -> dict[str, object]:
    return {"grouping": grouping.id, "grouping_number": grouping.number,
            "title": grouping.name}


def _member(session: Session, grouping: FileGrouping,
            file: AdministrativeFile) -> GroupedFile | None:
    return session.scalar(select(GroupedFile).where(GroupedFile.grouping_id == grouping.id,
                                                    GroupedFile.file_id == file.id))


def grouping_view(session: Session, grouping: FileGrouping, *,
                  sees: Callable[[AdministrativeFile], bool]) -> GroupingView:
    """The grouping with the files ``sees`` in the order they joined; the others (a file
    that left for another unit since) are only counted: a grouping never reveals a file."""
    rows = session.execute(
        select(AdministrativeFile, GroupedFile.added_at, GroupedFile.added_by)
        .join(GroupedFile, GroupedFile.file_id == AdministrativeFile.id)
        .where(GroupedFile.grouping_id == grouping.id)
        .order_by(GroupedFile.added_at, GroupedFile.id)).all()
    shown = [(file, added_at, added_by) for file, added_at, added_by in rows if sees(file)]
    files = [GroupedFileView(file.number, file.subject, file.state, file.responsible_unit,
                             added_at, added_by) for file, added_at, added_by in shown]
    return _summary(grouping, files, hidden=len(rows) - len(shown))


def groupings_of(session: Session, file: AdministrativeFile) -> list[GroupingView]:
    """The groupings ``file`` is in, oldest first (without their members)."""
    rows = session.scalars(
        select(FileGrouping).join(GroupedFile, GroupedFile.grouping_id == FileGrouping.id)
        .where(GroupedFile.file_id == file.id).order_by(FileGrouping.id))
    return [_summary(row) for row in rows]


def search_groupings(session: Session, units: frozenset[str] | None, *, page: int,
                     page_size: int) -> tuple[list[GroupingView], int]:
    """One page of the groupings of ``units`` (None: all), newest first, and the total."""
    query = select(FileGrouping)
    if units is not None:
        query = query.where(FileGrouping.unit_code.in_(sorted(units)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(FileGrouping.id.desc())
                           .offset((page - 1) * page_size).limit(page_size))
    return [_summary(row) for row in rows], int(total)
