"""What staff do with groupings of files, from the API or the pages, each in one unit of
work and checked on the server: a grouping is seen by ``files.view`` in its unit (anyone
else is told it does not exist) and changed by ``files.process`` there; a file joins or
leaves it only by someone who may work on that file (404 when she may not see it, 409
when it is closed, 403 when she sees it but may not work on it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from eoffice.files.domain import may_view, may_work
from eoffice.files.errors import (
    InvalidGrouping,
    NotAllowedOnFile,
    NotAllowedOnGrouping,
    UnknownGrouping,
)
from eoffice.files.grouping_models import FileGrouping
from eoffice.files.models import AdministrativeFile
from eoffice.files.services import grouping as service
from eoffice.files.services.access import get_file_for, require_open, whereabouts
from eoffice.files.services.grouping import GroupingView
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _


def _visible(session: Session, grouping_id: int, principal: Principal, *,
             for_update: bool = False) -> FileGrouping:
    grouping = service.get_grouping(session, grouping_id, for_update=for_update)
    if not principal.can(Permission.VIEW_FILES, unit=grouping.unit_code):
        raise UnknownGrouping()
    return grouping


def _changeable(session: Session, grouping_id: int, principal: Principal) -> FileGrouping:
    grouping = _visible(session, grouping_id, principal, for_update=True)
    if not principal.can(Permission.PROCESS_FILES, unit=grouping.unit_code):
        raise NotAllowedOnGrouping()
    return grouping


def _view(session: Session, grouping: FileGrouping, principal: Principal) -> GroupingView:
    def sees(file: AdministrativeFile) -> bool:
        return may_view(principal, whereabouts(session, file))

    return service.grouping_view(session, grouping, sees=sees)


def units_to_group(principal: Principal) -> list[str]:
    """Units whose files the principal may group (``files.process`` in them)."""
    units = principal.units_with(Permission.PROCESS_FILES)
    if units is None:
        return list(principal.units)
    return sorted(units)


def create(principal: Principal, *, unit: str | None, name: str,
           reason: str) -> GroupingView:
    """A new grouping of ``unit`` (by default the principal's own unit)."""
    chosen = unit or next(iter(principal.units), "")
    if not chosen:
        raise InvalidGrouping(errors=[FieldError("unit", _("Choose the unit."), "required")])
    if not principal.can(Permission.PROCESS_FILES, unit=chosen):
        raise NotAllowedOnGrouping(_("You do not process files of this unit."))
    with unit_of_work() as db:
        return service.create_grouping(db, unit_code=chosen, name=name, reason=reason,
                                       actor=principal.login)


def show(grouping_id: int, principal: Principal) -> GroupingView:
    with reader() as db:
        return _view(db, _visible(db, grouping_id, principal), principal)


def _workable_file(session: Session, number: str, principal: Principal) -> AdministrativeFile:
    file, where = get_file_for(session, number, principal, for_update=True)
    require_open(file)
    if not may_work(principal, where):
        raise NotAllowedOnFile()
    return file


def add_file(grouping_id: int, principal: Principal, number: str) -> GroupingView:
    """Add the file numbered ``number`` to the grouping."""
    with unit_of_work() as db:
        grouping = _changeable(db, grouping_id, principal)
        file = _workable_file(db, number, principal)
        service.add_to_grouping(db, grouping, file, actor=principal.login)
        db.flush()
        return _view(db, grouping, principal)


def remove_file(grouping_id: int, principal: Principal, number: str) -> GroupingView:
    """Take the file numbered ``number`` out of the grouping."""
    with unit_of_work() as db:
        grouping = _changeable(db, grouping_id, principal)
        file = _workable_file(db, number, principal)
        service.remove_from_grouping(db, grouping, file, actor=principal.login)
        db.flush()
        return _view(db, grouping, principal)


def search(principal: Principal, *, page: int, page_size: int) -> tuple[list[GroupingView], int]:
    """The groupings of the principal's units, newest first."""
    with reader() as db:
        return service.search_groupings(db, principal.units_with(Permission.VIEW_FILES),
                                        page=page, page_size=page_size)


def groupings_of_file(number: str, principal: Principal) -> list[dict[str, Any]]:
    """The groupings of a file the principal sees, each with whether she may open it."""
    with reader() as db:
        file, _where = get_file_for(db, number, principal)
        return [{"id": g.id, "number": g.number, "name": g.name, "unit": g.unit,
                 "visible": principal.can(Permission.VIEW_FILES, unit=g.unit)}
                for g in service.groupings_of(db, file)]
