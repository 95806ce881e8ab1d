"""Fixity checks: every archived file's package is re-hashed against its manifests and
PackageFile rows, and every document it holds is re-read from the blob store (which
checks the SHA-256 while streaming). What no longer matches is kept as a problem of the
run, audited, and shown to archivists.

A run works in batches of records, each in its own short transaction, so a large archive
never holds one long transaction; the run's row is committed first (``running``). A run
interrupted by a crash stays ``running`` until the next run starts, which marks it
``interrupted`` (superseded). The worker's job starts a run every
``archive_fixity_days``; an archivist may ask for one now (an outbox message the worker
runs, so a page never waits for a whole archive to be hashed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.archive.errors import UnknownFixityRun
from eoffice.archive.models import FixityProblem, FixityRun, PackageFile, Record
from eoffice.archive.services import packages
from eoffice.archive.services.access import require_archivist
from eoffice.archive.services.packages import PackageProblem
from eoffice.identity import Principal
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database, current_database
from eoffice.shared.errors import DomainError

FIXITY_REQUESTED_TOPIC = "archive.fixity_requested"
SYSTEM = "system"
BATCH = 25
RUNNING, OK, PROBLEMS, INTERRUPTED = "running", "ok", "problems", "interrupted"


@dataclass(frozen=True)
class RunView:
    id: int
    started_at: datetime
    finished_at: datetime | None
    started_by: str
    records_checked: int
    files_checked: int
    problems: int
    status: str


@dataclass(frozen=True)
class ProblemView:
    record_id: str | None
    file_number: str | None
    where: str
    path: str
    problem: str
    expected_sha256: str | None
    found_sha256: str | None


def _run_view(run: FixityRun) -> RunView:
    return RunView(run.id, run.started_at, run.finished_at, run.started_by,
                   run.records_checked, run.files_checked, run.problems, run.status)


def _blob_problem(session: Session, row: PackageFile) -> PackageProblem | None:
    """The problem of the document's stored blob, when it is not what it was."""
    assert row.document_id is not None
    digest = hashlib.sha256()
    problem: str | None = None
    try:
        _version, chunks = documents.open_content(session, row.document_id,
                                                  version=row.version)
        for chunk in chunks:
            digest.update(chunk)
    except documents.BlobCorrupted:
        return PackageProblem(row.path, "mismatch", row.sha256, digest.hexdigest())
    except (documents.BlobMissing, documents.UnknownDocument):
        problem = "missing"
    except documents.ContentDestroyed:
        return None  # destroyed on purpose (disposition): not a fixity problem
    except (DomainError, OSError):
        problem = "unreadable"
    return PackageProblem(row.path, problem, row.sha256) if problem else None


def _add_problem(session: Session, run: FixityRun, record: Record, found: PackageProblem,
                 *, where: str, actor: str) -> None:
    session.add(FixityProblem(run_id=run.id, record_id=record.id, where=where,
                              path=found.path[:300], problem=found.problem,
                              expected_sha256=found.expected, found_sha256=found.found))
    run.problems += 1
    audit.record_event(session, "archive.fixity_problem", actor=actor,
                       object_type="archive_record", object_id=record.id,
                       unit_code=record.unit_code,
                       data={"run": run.id, "file_number": record.file_number,
                             "where": where, "path": found.path, "problem": found.problem,
                             "expected": found.expected, "found": found.found})


def _check_record(session: Session, run: FixityRun, record: Record, *, actor: str) -> None:
    before = run.problems
    rows = [row for row in session.scalars(
        select(PackageFile).where(PackageFile.record_id == record.id)
        .order_by(PackageFile.id)) if row.destroyed_at is None]
    for found in packages.check_package(record):
        _add_problem(session, run, record, found, where="package", actor=actor)
    run.files_checked += len(rows)
    for row in rows:
        if row.document_id is None:
            continue
        blob = _blob_problem(session, row)
        run.files_checked += 1
        if blob is not None:
            _add_problem(session, run, record, blob, where="blob_store", actor=actor)
    run.records_checked += 1
    record.last_fixity_at = utcnow()
    record.last_fixity_ok = run.problems == before


def _start(database: Database, actor: str) -> int:
    with database.unit_of_work() as session:
        session.execute(update(FixityRun).where(FixityRun.status == RUNNING)
                        .values(status=INTERRUPTED))
        run = FixityRun(started_at=utcnow(), started_by=actor, records_checked=0,
                        files_checked=0, problems=0, status=RUNNING)
        session.add(run)
        session.flush()
        return run.id


def run_fixity(*, actor: str, record_ids: Collection[str] | None = None,
               database: Database | None = None) -> int:
    """Check every archived file not destroyed (or those of ``record_ids``); the run's id.
    Runs its own transactions (one per batch of records)."""
    database = database or current_database()
    run_id = _start(database, actor)
    after = ""
    while True:
        with database.unit_of_work() as session:
            statement = (select(Record).where(Record.destroyed_at.is_(None), Record.id > after)
                         .order_by(Record.id).limit(BATCH))
            if record_ids is not None:
                statement = statement.where(Record.id.in_(list(record_ids)))
            records = list(session.scalars(statement))
            if not records:
                break
            run = session.get(FixityRun, run_id)
            assert run is not None
            for record in records:
                _check_record(session, run, record, actor=actor)
            after = records[-1].id
    with database.unit_of_work() as session:
        run = session.get(FixityRun, run_id)
        assert run is not None
        if run.status == RUNNING:  # not superseded by a newer run meanwhile
            run.status = PROBLEMS if run.problems else OK
        run.finished_at = utcnow()
        audit.record_event(session, "archive.fixity_checked", actor=actor,
                           object_type="fixity_run", object_id=str(run_id),
                           data={"records": run.records_checked, "files": run.files_checked,
                                 "problems": run.problems, "status": run.status})
    return run_id


def fixity_due(session: Session, *, every_days: int, now: datetime | None = None) -> bool:
    """Whether the schedule wants a run: the last one started ``every_days`` ago or more;
    with none yet, the oldest archived file arrived that long ago (packages are hashed
    when they are made)."""
    limit = (now or utcnow()) - timedelta(days=every_days)
    last = session.scalar(select(func.max(FixityRun.started_at)))
    if last is not None:
        return bool(last <= limit)
    oldest = session.scalar(select(func.min(Record.transferred_at))
                            .where(Record.destroyed_at.is_(None)))
    return oldest is not None and oldest <= limit


def request_fixity(session: Session, principal: Principal) -> None:
    """An archivist asks for a run now: the worker runs it (outbox)."""
    require_archivist(principal)
    outbox.enqueue(session, FIXITY_REQUESTED_TOPIC, {"actor": principal.login})
    audit.record_event(session, "archive.fixity_requested", actor=principal.login,
                       object_type="fixity_run", object_id="requested")


def list_runs(session: Session, *, limit: int = 50) -> list[RunView]:
    """The latest runs, newest first."""
    runs = session.scalars(select(FixityRun).order_by(FixityRun.started_at.desc(),
                                                      FixityRun.id.desc()).limit(limit))
    return [_run_view(run) for run in runs]


def get_run(session: Session, run_id: int) -> tuple[RunView, list[ProblemView]]:
    """A run and its problems (UnknownFixityRun)."""
    run = session.get(FixityRun, run_id)
    if run is None:
        raise UnknownFixityRun()
    rows = session.execute(
        select(FixityProblem, Record.file_number)
        .outerjoin(Record, Record.id == FixityProblem.record_id)
        .where(FixityProblem.run_id == run_id).order_by(FixityProblem.id)).all()
    return _run_view(run), [
        ProblemView(p.record_id, number, p.where, p.path, p.problem, p.expected_sha256,
                    p.found_sha256) for p, number in rows]


def record_problems(session: Session, record_id: str, *, limit: int = 20) -> list[ProblemView]:
    """The problems found in ``record``'s latest run that checked it."""
    last_run = session.scalar(select(func.max(FixityProblem.run_id))
                              .where(FixityProblem.record_id == record_id))
    if last_run is None:
        return []
    rows = session.scalars(select(FixityProblem).where(
        FixityProblem.record_id == record_id, FixityProblem.run_id == last_run)
        .order_by(FixityProblem.id).limit(limit))
    return [ProblemView(p.record_id, None, p.where, p.path, p.problem, p.expected_sha256,
                        p.found_sha256) for p in rows]
