"""Registry entries per second against the database's own gap-free counter (not a test:
timings never fail a build).

On a scratch database migrated to head with the demo city's units and registers, N
clients (threads, default 8) for S seconds each:

- ceiling: the bare gap-free counter, one transaction per entry doing
  ``UPDATE bench_counter SET n = n + 1 ... RETURNING n`` and one ``INSERT`` of a row, on
  the same engine the application writes with (SQLite: ``BEGIN IMMEDIATE``);
- eoffice: ``registry.register_entry`` in one ``unit_of_work`` per entry (the number
  taken from the register's counter, the entry, its first move, the audit event with its
  hash chain, two outbox messages), as the in-person desk and the submissions do.

Printed: entries per second, p50 / p99 latency of one transaction and the CPU per entry
(of this process, clients included) for both, the ratio,
and the issue's goal (>= 300 entries/s with p99 <= 150 ms on 2 cores, >= 20 % of the
ceiling). Afterwards the numbers are checked gap-free (1..n, each once).

    .venv/bin/python bench/registry.py [--clients 8] [--seconds 10]
    EOFFICE_BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:<port>/postgres \\
        .venv/bin/python bench/registry.py   # a fresh database on that server
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import database_label, emit, rate_and_latency, run_clients, scratch_database_url
from eoffice import registry
from eoffice.demo.city import load_city
from eoffice.demo.registry import load_demo_registry
from eoffice.migrate import upgrade
from eoffice.registry.models import RegistryEntry
from eoffice.shared.db import Database

GOAL_PER_SECOND = 300
GOAL_P99_MS = 150
GOAL_SHARE_OF_CEILING = 0.20
ANA = registry.Party(name="Ana García Puig", id_type="nif", id_number="12345678Z")


def prepared(url: str) -> Database:
    upgrade(url)
    database = Database(url, pool_size=16)
    with database.unit_of_work() as session:
        load_city(session)
        load_demo_registry(session)
        session.execute(text("CREATE TABLE bench_counter (id INTEGER PRIMARY KEY, n INTEGER)"))
        session.execute(text("CREATE TABLE bench_entry (n INTEGER PRIMARY KEY, "
                             "subject VARCHAR(500))"))
        session.execute(text("INSERT INTO bench_counter (id, n) VALUES (1, 0)"))
    return database


def bare_counter(database: Database) -> None:
    """The ceiling: one gap-free number and one row, in one transaction."""
    with database.write_engine.begin() as connection:
        number = connection.execute(text(
            "UPDATE bench_counter SET n = n + 1 WHERE id = 1 RETURNING n")).scalar_one()
        connection.execute(text("INSERT INTO bench_entry (n, subject) VALUES (:n, :s)"),
                           {"n": number, "s": "Bench entry"})


def register(database: Database, number: int) -> None:
    with database.unit_of_work() as session:
        registry.register_entry(session, registry.NewEntry(
            register="RGE", channel=registry.Channel.IN_PERSON,
            subject=f"Bench entry {number}", destination_unit="URB", parties=[ANA]),
            actor="registrar")


def gap_free(database: Database) -> bool:
    with database.reader() as session:
        count, low, high = session.execute(select(
            func.count(), func.min(RegistryEntry.sequence),
            func.max(RegistryEntry.sequence))).one()
        distinct = session.scalar(select(func.count(RegistryEntry.sequence.distinct())))
    return bool(count) and low == 1 and high == count == distinct


def with_cpu(measure: Callable[[], tuple[list[float], float]]) -> dict[str, float]:
    """Rate and latency of ``measure``, and the CPU this process spent per call (the
    steadier figure on a shared machine: the clients are threads of this process)."""
    cpu = time.process_time()
    durations, elapsed = measure()
    result = rate_and_latency(durations, elapsed)
    result["cpu_ms"] = round((time.process_time() - cpu) * 1000 / len(durations), 2)
    return result


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    database = prepared(scratch_database_url("registry"))
    for number in range(20):  # warm-up: statement caches, pools
        bare_counter(database)
        register(database, -number)
    ceiling = with_cpu(lambda: run_clients(lambda _n: bare_counter(database),
                                           clients=args.clients, seconds=args.seconds))
    mine = with_cpu(lambda: run_clients(lambda n: register(database, n),
                                        clients=args.clients, seconds=args.seconds))
    numbers_ok = gap_free(database)
    database.dispose()
    ratio = mine["per_second"] / ceiling["per_second"]
    label = database_label()
    print(f"database: {label}; clients: {args.clients}; {args.seconds:.0f} s each")
    print(f"ceiling, bare counter + insert: {ceiling['per_second']:,.0f}/s, "
          f"p50 {ceiling['p50_ms']:.1f} ms, p99 {ceiling['p99_ms']:.1f} ms, "
          f"CPU {ceiling['cpu_ms']:.2f} ms per entry")
    print(f"registry.register_entry:        {mine['per_second']:,.0f}/s, "
          f"p50 {mine['p50_ms']:.1f} ms, p99 {mine['p99_ms']:.1f} ms, "
          f"CPU {mine['cpu_ms']:.2f} ms per entry; "
          f"numbers gap-free: {numbers_ok}")
    print(f"ratio {ratio:.2f} (goal >= {GOAL_PER_SECOND}/s, p99 <= {GOAL_P99_MS} ms, "
          f">= {GOAL_SHARE_OF_CEILING:.0%} of the ceiling)")
    met = (mine["per_second"] >= GOAL_PER_SECOND and mine["p99_ms"] <= GOAL_P99_MS
           and ratio >= GOAL_SHARE_OF_CEILING and numbers_ok)
    return emit("registry entries/s", database=label, result=mine["per_second"],
                unit="entries/s", baseline=ceiling["per_second"],
                baseline_name="bare gap-free counter + insert", ratio=round(ratio, 3),
                goal=f">= {GOAL_PER_SECOND}/s, p99 <= {GOAL_P99_MS} ms, >= 20 % of ceiling",
                met=met, details={"p50_ms": mine["p50_ms"], "p99_ms": mine["p99_ms"],
                                  "ceiling_p99_ms": ceiling["p99_ms"],
                                  "cpu_ms": mine["cpu_ms"], "ceiling_cpu_ms": ceiling["cpu_ms"],
                                  "clients": args.clients, "gap_free": numbers_ok})


if __name__ == "__main__":
    main()
