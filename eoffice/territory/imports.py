"""CSV imports of the territory database: one file of one kind (streets, sections,
addresses, cadastre) in one transaction. Good rows are recorded, each bad row goes into
the report (line, stable code, message, the row as the file has it) kept on the
ImportRun; a file that cannot be read as a whole imports nothing. Audited per run."""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import DomainError, FieldError
from eoffice.territory.cadastre import CREATED, UNCHANGED, UPDATED
from eoffice.territory.domain import ImportKind
from eoffice.territory.errors import InvalidTerritoryData, UnknownImport
from eoffice.territory.imports_reading import CsvRow, read_table
from eoffice.territory.imports_rows import (
    HANDLERS,
    ImportContext,
    RowRejected,
    relink_addresses,
)
from eoffice.territory.models import ImportRun

BAD_ROW = "territory.bad_row"
MAX_REPORTED = 1000  # rejected rows kept in the report (all are counted)
IMPORTED_EVENT = "territory.imported"


@dataclass(frozen=True)
class ImportView:
    """An import run as pages, the API and the command show it. ``created``,
    ``updated``, ``unchanged``, ``encoding`` and ``delimiter`` are known right after the
    import (the stored run keeps how many rows were taken and rejected)."""

    id: str
    kind: str
    filename: str
    sha256: str
    started_at: datetime
    started_by: str
    accepted: int
    rejected: int
    report: list[dict[str, Any]]
    update: bool = False
    created: int | None = None
    updated: int | None = None
    unchanged: int | None = None
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def truncated(self) -> bool:
        return self.rejected > len(self.report)

    def summary(self) -> str:
        """One line: ``streets: 25 rows taken (25 new, 0 changed, 0 unchanged), 2
        rejected``."""
        taken = f"{self.kind}: {self.accepted} rows taken"
        if self.created is not None:
            taken += (f" ({self.created} new, {self.updated} changed, "
                      f"{self.unchanged} unchanged)")
        return f"{taken}, {self.rejected} rejected"


def _view(run: ImportRun, **known: Any) -> ImportView:
    return ImportView(id=run.id, kind=run.kind, filename=run.filename, sha256=run.sha256,
                      started_at=run.started_at, started_by=run.started_by,
                      accepted=run.accepted, rejected=run.rejected,
                      report=list(run.report or []), **known)


def _kind(kind: str) -> ImportKind:
    try:
        return ImportKind(kind)
    except ValueError:
        raise InvalidTerritoryData(errors=[FieldError(
            "kind", f"an import is of streets, sections, addresses or cadastre, not "
            f"{kind[:20]!r}", InvalidTerritoryData.code)]) from None


def _entry(row: CsvRow, code: str, message: str) -> dict[str, Any]:
    return {"line": row.line, "code": code, "message": message[:300], "row": row.cells}


def _take(ctx: ImportContext, kind: ImportKind, row: CsvRow) -> str:
    """Take one row. Handlers check everything before they write, so a rejected row
    leaves nothing behind (and a crash rolls the whole import back)."""
    ctx.last_key = None
    try:
        return HANDLERS[kind](ctx, row)
    except DomainError as error:
        ctx.forget_row()
        raise RowRejected.of(error) from error
    except RowRejected:
        ctx.forget_row()
        raise


def import_csv(session: Session, kind: str, content: bytes, *, filename: str, actor: str,
               update: bool = False) -> ImportView:
    """Import a CSV file of ``kind``; returns the run with its report. File-level
    problems raise before anything is written (UnreadableImport, MissingColumns,
    EmptyImport, ImportTooLarge). ``update``: a row whose key exists changes it instead
    of being rejected as a duplicate."""
    import_kind = _kind(kind)
    table = read_table(import_kind, content)
    sha256 = hashlib.sha256(content).hexdigest()
    run = ImportRun(id=str(uuid.uuid4()), kind=import_kind.value,
                    filename=(filename or "import.csv")[:255], sha256=sha256,
                    started_at=utcnow(), started_by=actor, accepted=0, rejected=0, report=[])
    session.add(run)
    session.flush()
    ctx = ImportContext(session=session, update=update)
    counts: Counter[str] = Counter()
    report: list[dict[str, Any]] = []
    for row in table.rows:
        try:
            if row.problem is not None:
                raise RowRejected(BAD_ROW, row.problem)
            counts[_take(ctx, import_kind, row)] += 1
        except RowRejected as rejected:
            counts["rejected"] += 1
            if len(report) < MAX_REPORTED:
                report.append(_entry(row, rejected.code, rejected.message))
    session.flush()  # new sections get their ids
    relink_addresses(ctx)
    run.accepted = counts[CREATED] + counts[UPDATED] + counts[UNCHANGED]
    run.rejected, run.report = counts["rejected"], report
    known = {"update": update, "created": counts[CREATED], "updated": counts[UPDATED],
             "unchanged": counts[UNCHANGED], "encoding": table.encoding,
             "delimiter": table.delimiter}
    audit.record_event(session, IMPORTED_EVENT, actor=actor, object_type="territory_import",
                       object_id=run.id, data={
                           "kind": run.kind, "filename": run.filename, "sha256": sha256,
                           **known, "rejected": run.rejected,
                           "codes": dict(Counter(entry["code"] for entry in report))})
    session.flush()
    return _view(run, **known)


def list_imports(session: Session, *, limit: int = 100) -> list[ImportView]:
    """The latest imports, newest first."""
    runs = session.scalars(select(ImportRun).order_by(ImportRun.started_at.desc(),
                                                      ImportRun.id).limit(limit))
    return [_view(run) for run in runs]


def get_import(session: Session, import_id: str) -> ImportView:
    run = session.get(ImportRun, import_id[:36])
    if run is None:
        raise UnknownImport()
    return _view(run)


def was_imported(session: Session, kind: str, content: bytes) -> bool:
    """Whether a file with this content was imported as ``kind`` before."""
    sha256 = hashlib.sha256(content).hexdigest()
    return session.scalar(select(ImportRun.id).filter_by(kind=str(kind), sha256=sha256)
                          .limit(1)) is not None
