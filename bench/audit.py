"""Audit events appended per second with the hash chain, against a bare INSERT of the same
rows (not a test: timings never fail a build).

On a scratch database migrated to head:

- batched: one client appends events with ``audit.record_event`` in transactions of
  ``--batch`` events (default 100: a busy request or worker round writes several), the
  baseline being a bare ``INSERT`` (executemany) of the same rows into a twin table (same columns
  and indexes, no append-only triggers), with their hashes
  already computed, in transactions of the same size;
- one per transaction: ``--clients`` threads (default 8) each appending one event per
  transaction (the head row locked, the chain extended), against a bare one-row
  ``INSERT`` per transaction at the same concurrency.

The issue's goal: >= 10,000 events/s (the batched figure is compared with it). The chain
is verified at the end (``audit.verify_chain``).

    .venv/bin/python bench/audit.py [--events 20000] [--batch 100] [--seconds 5]
    EOFFICE_BENCH_PG_URL=postgresql+psycopg://... to run on a fresh PostgreSQL database
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Index, MetaData, Table, UniqueConstraint, insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import database_label, emit, rate_and_latency, run_clients, scratch_database_url
from eoffice import audit
from eoffice.audit.domain import GENESIS_HASH, event_hash
from eoffice.audit.models import AuditEvent
from eoffice.migrate import upgrade
from eoffice.shared.clock import utcnow
from eoffice.shared.db import NAMING_CONVENTION, Database

GOAL_PER_SECOND = 10_000
FACTS = {"number": "E/2026/000123", "register": "RGE", "channel": "online",
         "destination_unit": "URB", "documents": ["ab" * 32]}


def append(database: Database, count: int, batch: int, start: int) -> None:
    for first in range(0, count, batch):
        with database.unit_of_work() as session:
            for n in range(first, min(count, first + batch)):
                audit.record_event(session, "registry.entry_registered", actor="registrar",
                                   object_type="registry_entry", object_id=str(start + n),
                                   unit_code="URB", data=FACTS)


def chained_rows(count: int, start: int) -> list[dict[str, Any]]:
    rows, previous = [], GENESIS_HASH
    for n in range(count):
        fields = {"seq": start + n, "occurred_at": utcnow(), "actor": "registrar",
                  "action": "bench.bare", "object_type": "registry_entry",
                  "object_id": str(n), "unit_code": "URB", "data": FACTS,
                  "prev_hash": previous}
        previous = event_hash(fields)
        rows.append({**fields, "hash": previous})
    return rows


def twin_table(database: Database) -> Table:
    """A table like ``audit_event`` (columns, indexes, unique hash) without its
    append-only triggers, for the bare inserts."""
    source = AuditEvent.__table__
    table = Table("bench_audit_event", MetaData(naming_convention=NAMING_CONVENTION),
                  *[Column(column.name, column.type, primary_key=column.primary_key,
                           nullable=column.nullable, autoincrement=False)
                    for column in source.columns],
                  Index(None, "occurred_at"), Index(None, "action"),
                  UniqueConstraint("hash"))
    table.create(database.write_engine)
    return table


def bare_insert(database: Database, table: Table, rows: list[dict[str, Any]],
                batch: int) -> None:
    for first in range(0, len(rows), batch):
        with database.write_engine.begin() as connection:
            connection.execute(insert(table), rows[first:first + batch])


def timed(run: Any) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    url = scratch_database_url("audit")
    upgrade(url)
    database = Database(url, pool_size=16)
    append(database, 200, args.batch, 0)  # warm-up
    table = twin_table(database)
    rows = chained_rows(args.events, 1)
    bare = args.events / timed(lambda: bare_insert(database, table, rows, args.batch))
    cpu = time.process_time()
    chained = args.events / timed(lambda: append(database, args.events, args.batch, 10**6))
    cpu_per_event = (time.process_time() - cpu) * 1000 / args.events
    lone_rows = iter(chained_rows(10**6, 10**6))
    single_bare = rate_and_latency(*run_clients(
        lambda _n: bare_insert(database, table, [next(lone_rows)], 1),
        clients=args.clients, seconds=args.seconds))
    single = rate_and_latency(*run_clients(
        lambda n: append(database, 1, 1, 3 * 10**6 + n),
        clients=args.clients, seconds=args.seconds))
    with database.reader() as session:
        report = audit.verify_chain(session)
    database.dispose()
    label = database_label()
    print(f"database: {label}; {args.events:,} events in transactions of {args.batch}")
    print(f"batched: record_event {chained:,.0f}/s, bare INSERT {bare:,.0f}/s "
          f"(ratio {chained / bare:.2f}); goal >= {GOAL_PER_SECOND:,}/s; record_event CPU "
          f"{cpu_per_event:.2f} ms per event")
    print(f"one per transaction, {args.clients} clients: record_event "
          f"{single['per_second']:,.0f}/s (p99 {single['p99_ms']:.1f} ms), bare INSERT "
          f"{single_bare['per_second']:,.0f}/s (p99 {single_bare['p99_ms']:.1f} ms)")
    print(f"chain verified: {report.checked:,} events, intact: {report.intact}")
    return emit("audit events/s", database=label, result=round(chained, 1), unit="events/s",
                baseline=round(bare, 1),
                baseline_name=f"bare INSERT of the same rows, {args.batch} per transaction",
                ratio=round(chained / bare, 3), goal=f">= {GOAL_PER_SECOND:,}/s",
                met=chained >= GOAL_PER_SECOND and report.intact,
                details={"batch": args.batch, "cpu_ms_per_event": round(cpu_per_event, 3),
                         "one_per_transaction": single,
                         "bare_one_per_transaction": single_bare,
                         "chain_intact": report.intact, "chain_checked": report.checked})


if __name__ == "__main__":
    main()
