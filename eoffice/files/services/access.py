"""Finding a file for whoever asks, checked on the server for every file: staff who may
see it get it; anyone else is told it does not exist (404 ``files.unknown_file``)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.files.domain import OUT, FileStatus, MovementState, Whereabouts, may_view
from eoffice.files.errors import FileClosed, UnknownFile
from eoffice.files.models import AdministrativeFile, FileDocument, FileMovement
from eoffice.identity import Permission, Principal


def whereabouts(session: Session, file: AdministrativeFile) -> Whereabouts:
    moves = session.execute(
        select(FileMovement.from_unit, FileMovement.to_unit, FileMovement.state)
        .where(FileMovement.file_id == file.id, FileMovement.state.in_(sorted(OUT)))
        .order_by(FileMovement.id)).all()
    return Whereabouts(file.responsible_unit,
                       tuple((s, t, MovementState(state)) for s, t, state in moves))


def get_file(session: Session, number: str, *, for_update: bool = False) -> AdministrativeFile:
    """The file numbered ``number`` (locked for the transaction when ``for_update``)."""
    query = select(AdministrativeFile).where(AdministrativeFile.number == number[:60])
    found = session.scalar(query.with_for_update() if for_update else query)
    if found is None:
        raise UnknownFile()
    return found


def get_file_for(session: Session, number: str, principal: Principal, *,
                 for_update: bool = False) -> tuple[AdministrativeFile, Whereabouts]:
    """The file and where it is, if ``principal`` may see it; else UnknownFile."""
    found = get_file(session, number, for_update=for_update)
    where = whereabouts(session, found)
    if not may_view(principal, where):
        raise UnknownFile()
    return found, where


def require_open(file: AdministrativeFile) -> None:
    """A closed file is immutable."""
    if file.state == FileStatus.CLOSED:
        raise FileClosed()


def search_files_for(session: Session, principal: Principal, *, page: int,
                     page_size: int) -> tuple[Sequence[AdministrativeFile], int]:
    """One page of the files the principal may see, newest first, and their total: those
    her units are responsible for and those moving to or from them."""
    units = principal.units_with(Permission.VIEW_FILES)
    query = select(AdministrativeFile)
    if units is not None:
        moving = (select(FileMovement.file_id)
                  .where(FileMovement.state.in_(sorted(OUT)),
                         or_(FileMovement.from_unit.in_(sorted(units)),
                             FileMovement.to_unit.in_(sorted(units)))))
        query = query.where(or_(AdministrativeFile.responsible_unit.in_(sorted(units)),
                                AdministrativeFile.id.in_(moving)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(AdministrativeFile.opened_at.desc(),
                                          AdministrativeFile.number.desc())
                           .offset((page - 1) * page_size).limit(page_size)).all()
    return rows, int(total)


def file_documents_rule(session: Session, principal: Principal,
                        view: documents.DocumentView) -> bool | None:
    """Access rule for the documents context: whoever may see a file holding the document
    may read it; other documents are not this context's to judge (None)."""
    file_ids = session.scalars(select(FileDocument.file_id).where(
        FileDocument.document_id == view.id).distinct()).all()
    for file_id in file_ids:
        file = session.get(AdministrativeFile, file_id)
        if file is not None and may_view(principal, whereabouts(session, file)):
            return True
    return None


def numbers_of(session: Session, file_ids: Sequence[str]) -> dict[str, str]:
    """The numbers of many files, by id, in one query (for lists in other contexts)."""
    if not file_ids:
        return {}
    rows = session.execute(select(AdministrativeFile.id, AdministrativeFile.number)
                           .where(AdministrativeFile.id.in_(list(file_ids))))
    return {file_id: number for file_id, number in rows}
