"""Task lists at scale: p50 and p95 of ``tasks.list_tasks_for`` (the query behind
``GET /api/v1/tasks`` and ``/backoffice/tasks``) with 100,000 and 1,000,000 open tasks, for
the clerk of the busiest unit and of a small one, and a head (also a clerk) of five units
including the busiest, on the first page and on the middle page (offset paging).
The issue's goal: p95 under 100 ms with indexes and pagination.

    .venv/bin/python bench/processing_tasks.py [--sizes 100000,1000000] [--rounds 20]
    EOFFICE_BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:<port>/bench1 \\
        .venv/bin/python bench/processing_tasks.py   # also on PostgreSQL (a fresh database)

A scratch SQLite database (and the PostgreSQL one, when given) is migrated to head and
filled with bulk inserts: one process instance per open task (a file waiting on one
step), spread over 40 units (the busiest holds a fifth of them), 90 % for clerks and 10 %
for heads of unit, due dates over four months (one in ten without). Each call is timed
whole, and each of its two statements (the ``count(*)`` for the total and the page itself)
through SQLAlchemy's cursor events, so the table says where the time goes (the list's
count stops at 10,000 matching tasks; "their tasks" is counted whole). The baseline
ratio is the same call on 1,000 tasks, run in this process first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, event, func, select, text, tuple_
from sqlalchemy.orm import Session

from eoffice.identity import Principal
from eoffice.identity.domain import Grant
from eoffice.migrate import upgrade
from eoffice.processing.models import (
    InstanceStatus,
    ProcessInstance,
    ProcessModelVersion,
    TaskState,
    UserTask,
)
from eoffice.processing.services.tasks import list_tasks_for
from eoffice.shared.db import Database

GOAL_MS = 100.0
UNITS = [f"U{n:02d}" for n in range(40)]
BUSIEST, SMALL = UNITS[0], UNITS[-1]
HEAD_UNITS = (BUSIEST, *UNITS[1:5])
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
PAGE_SIZE = 20


def clerk_of(unit: str) -> Principal:
    return Principal(account_id=0, login=f"clerk.{unit.lower()}", name="Bench clerk",
                     roles=frozenset({"clerk"}), units=(unit,),
                     grants=(Grant("files.process", frozenset({unit})),))


class StatementClock:
    """Milliseconds of each SQL statement run, by its first word (SELECT count vs page)."""

    def __init__(self) -> None:
        self.spent: dict[str, list[float]] = defaultdict(list)
        self._started = 0.0

    def attach(self, engine: Any) -> None:
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *_: Any) -> None:
        self._started = time.perf_counter()

    def _after(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        kind = "count" if "count(*)" in statement.lower() else "page"
        self.spent[kind].append((time.perf_counter() - self._started) * 1000)


def _spread(salt: int) -> str:
    """A deterministic pseudo-random number 0..999 per row ``i`` (the same on both
    databases), so rows are spread without sending them from Python."""
    return f"((i * {2654435761 + 2 * salt}) % 1000)"


# Dialect pieces of the INSERT ... SELECT that fills each table on the database's side.
_NUMBERS = {
    "sqlite": "WITH RECURSIVE numbers(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM numbers "
              "WHERE i < :count) SELECT {columns} FROM numbers",
    "postgresql": "SELECT {columns} FROM generate_series(1, :count) AS numbers(i)",
}
_ID = {"sqlite": "printf('{prefix}%035d', i)",
       "postgresql": "'{prefix}' || lpad(i::text, 35, '0')"}
_UNIT = {"sqlite": "printf('U%02d', 1 + (i % 39))",
         "postgresql": "'U' || lpad((1 + i % 39)::text, 2, '0')"}
_AGO = {"sqlite": "strftime('%Y-%m-%d %H:%M:%S', '2026-12-03 09:00:00', "
                  "'-' || {minutes} || ' minutes', '+' || {days} || ' days') || '.000000'",
        "postgresql": "timestamptz '2026-12-03 09:00:00+00' - {minutes} * interval '1 minute' "
                      "+ {days} * interval '1 day'"}

# The task list's sort key (models.due_order_of): due_at, or 9999-12-31 when undated.
_DUE_ORDER = {"sqlite": "COALESCE({due}, '9999-12-31 00:00:00.000000')",
              "postgresql": "COALESCE({due}, timestamptz '9999-12-31 00:00:00+00')"}


def _fill_sql(dialect: str) -> tuple[str, str]:
    unit = f"CASE WHEN {_spread(1)} < 200 THEN '{BUSIEST}' ELSE {_UNIT[dialect]} END"
    minutes = f"({_spread(2)} * 200)"
    created = _AGO[dialect].format(minutes=minutes, days=0)
    due = (f"CASE WHEN {_spread(3)} < 100 THEN NULL ELSE "
           f"{_AGO[dialect].format(minutes=minutes, days=f'(1 + {_spread(4)} % 120)')} END")
    instance_id = _ID[dialect].format(prefix="i")
    instances = _NUMBERS[dialect].format(columns=", ".join([
        instance_id, ":version", "'bench'", "'" + "0" * 64 + "'", "'{}'", "'file'",
        "'F/' || i", unit, f"'{InstanceStatus.RUNNING}'", "''", "'{}'", "1", created,
        created]))
    tasks = _NUMBERS[dialect].format(columns=", ".join([
        _ID[dialect].format(prefix="t"), instance_id, "'Task_review'",
        "'Review the application'", "'Clerks'", unit,
        f"CASE WHEN {_spread(5)} < 100 THEN 'head' ELSE 'clerk' END", "NULL", due, "NULL",
        f"'{TaskState.OPEN}'", created, _DUE_ORDER[dialect].format(due=due)]))
    return (
        "INSERT INTO processing_instance (id, model_version_id, model_key, model_sha256, "
        "pins, subject_kind, subject_id, unit_code, status, state, user_tasks, version, "
        f"created_at, updated_at) {instances}",
        "INSERT INTO processing_task (id, instance_id, spec_id, name, lane, unit_code, role, "
        f"form, due_at, claimed_by, state, created_at, due_order) {tasks}")


def fill(database: Database, count: int) -> float:
    """Empty the two tables and insert ``count`` open tasks (and their instances) on the
    database's side; returns the seconds taken."""
    started = time.perf_counter()
    with database.unit_of_work() as session:
        session.execute(delete(UserTask))
        session.execute(delete(ProcessInstance))
        version_id = session.scalar(select(ProcessModelVersion.id).limit(1))
        if version_id is None:
            version = ProcessModelVersion(
                key="bench", version=1, sha256="0" * 64, bpmn="", dmn=[], processes=[],
                calls=[], user_tasks={}, source="bench", created_by="bench", created_at=NOW)
            session.add(version)
            session.flush()
            version_id = version.id
        for statement in _fill_sql(database.write_engine.dialect.name):
            session.execute(text(statement), {"count": count, "version": version_id})
    with database.write_engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    return time.perf_counter() - started


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def measure(database: Database, clock: StatementClock, principal: Principal, *,
            page: int, rounds: int) -> dict[str, Any]:
    calls: list[float] = []
    clock.spent.clear()
    total = 0
    for _ in range(rounds):
        with database.reader() as session:
            started = time.perf_counter()
            found = list_tasks_for(session, principal, page=page, page_size=PAGE_SIZE)
            calls.append((time.perf_counter() - started) * 1000)
            total = found.total
    return {"total": total, "call": _percentiles(calls),
            "count": _percentiles(clock.spent["count"]),
            "page": _percentiles(clock.spent["page"])}


PROPOSED_INDEX = ("CREATE INDEX bench_task_list ON processing_task "
                  "(unit_code, state, role, due_at, created_at, id)")


def _proposed_page(session: Session, unit: str, after: tuple[Any, ...] | None) -> list[Any]:
    """Keyset pagination in the order of the proposed index (tasks with a due date; the
    ones without come after them, the same way, ordered by ``created_at, id``)."""
    query = (select(UserTask, ProcessInstance)
             .join(ProcessInstance, ProcessInstance.id == UserTask.instance_id)
             .where(UserTask.unit_code == unit, UserTask.state == TaskState.OPEN,
                    UserTask.role == "clerk", UserTask.due_at.is_not(None))
             .order_by(UserTask.due_at, UserTask.created_at, UserTask.id).limit(PAGE_SIZE))
    if after is not None:
        query = query.where(tuple_(UserTask.due_at, UserTask.created_at, UserTask.id)
                            > tuple_(*after))
    return list(session.execute(query).all())


def _proposed_count(session: Session, unit: str) -> int:
    return session.scalar(select(func.count()).select_from(UserTask).where(
        UserTask.unit_code == unit, UserTask.state == TaskState.OPEN,
        UserTask.role == "clerk")) or 0


def measure_proposal(database: Database, unit: str, deep_page: int,
                     rounds: int) -> dict[str, tuple[float, float]]:
    """The proposal for tasks.py, timed on the same rows: one more index, keyset pages."""
    with database.reader() as session:
        found = list_tasks_for(session, clerk_of(unit), page=deep_page, page_size=PAGE_SIZE)
        first = found.items[0][0] if found.items else None
    after = None if first is None else (first.due_at, first.created_at, first.id)
    with database.write_engine.begin() as connection:
        connection.exec_driver_sql(PROPOSED_INDEX)
        connection.exec_driver_sql("ANALYZE")
    timings: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        with database.reader() as session:
            for name, call in (("count", lambda: _proposed_count(session, unit)),
                               ("first", lambda: _proposed_page(session, unit, None)),
                               ("deep", lambda: _proposed_page(session, unit, after))):
                started = time.perf_counter()
                call()
                timings[name].append((time.perf_counter() - started) * 1000)
    with database.write_engine.begin() as connection:
        connection.exec_driver_sql("DROP INDEX bench_task_list")
    return {name: _percentiles(values) for name, values in timings.items()}


def head_of(units: tuple[str, ...]) -> Principal:
    """A head of several units who is also a clerk there (several index ranges merged)."""
    return Principal(account_id=0, login="head.bench", name="Bench head",
                     roles=frozenset({"clerk", "head"}), units=units,
                     grants=(Grant("files.process", frozenset(units)),))


def _their_tasks(database: Database, principal: Principal) -> int:
    """The principal's open tasks, counted whole (the list's own total stops at 10,000)."""
    with database.reader() as session:
        return session.scalar(select(func.count()).select_from(UserTask).where(
            UserTask.unit_code.in_(principal.units), UserTask.state == TaskState.OPEN,
            UserTask.role.in_(sorted(principal.roles)))) or 0


def _deep_page(database: Database, principal: Principal) -> int:
    """The middle page of the principal's tasks."""
    return max(1, _their_tasks(database, principal) // PAGE_SIZE // 2)


def run(label: str, url: str, sizes: list[int], rounds: int) -> None:
    upgrade(url)
    database = Database(url)
    clock = StatementClock()
    clock.attach(database.engine)
    print(f"\n{label}\n")
    print("| open tasks | clerk of | page | their tasks | p50 | p95 | p50 vs 1,000 tasks | "
          "count(*) p95 | page query p95 | goal p95 < 100 ms |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    baseline: dict[tuple[str, str], float] = {}
    proposals: dict[int, dict[str, tuple[float, float]]] = {}
    for size in [1_000, *sizes]:
        seconds = fill(database, size)
        for principal, who in ((clerk_of(BUSIEST), "busiest unit"),
                               (clerk_of(SMALL), "a small unit"),
                               (head_of(HEAD_UNITS), "head of 5 units, 2 roles")):
            for where, page in (("first", 1), ("deep", _deep_page(database, principal))):
                result = measure(database, clock, principal, page=page, rounds=rounds)
                p50, p95 = result["call"]
                baseline.setdefault((who, where), p50)
                print(f"| {size:,} | {who} | {where} ({page:,}) | "
                      f"{_their_tasks(database, principal):,} | "
                      f"{p50:,.1f} ms | {p95:,.1f} ms | "
                      f"{p50 / baseline[(who, where)]:,.1f}x | "
                      f"{result['count'][1]:,.1f} ms | {result['page'][1]:,.1f} ms | "
                      f"{'yes' if p95 < GOAL_MS else 'no'} |", flush=True)
        print(f"| {size:,} | (filled in {seconds:,.0f} s) | | | | | | | | |", flush=True)
        proposals[size] = measure_proposal(
            database, BUSIEST, _deep_page(database, clerk_of(BUSIEST)), rounds)
    print("\nProposal for tasks.py (not the product's query), clerk of the busiest unit: "
          "index (unit_code, state, role, due_at, created_at, id), keyset pages\n")
    print("| open tasks | count(*) p50 / p95 | first page p50 / p95 | deep page p50 / p95 |")
    print("| ---: | ---: | ---: | ---: |")
    for size, timing in proposals.items():
        print(f"| {size:,} | " + " | ".join(
            f"{timing[name][0]:,.1f} / {timing[name][1]:,.1f} ms"
            for name in ("count", "first", "deep")) + " |")
    database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="open tasks, comma separated (default 100000,1000000)")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    with tempfile.TemporaryDirectory() as scratch:
        run("SQLite", f"sqlite:///{Path(scratch) / 'tasks.sqlite3'}", sizes, args.rounds)
    if url := os.environ.get("EOFFICE_BENCH_PG_URL"):
        run("PostgreSQL", url, sizes, args.rounds)


if __name__ == "__main__":
    main()
