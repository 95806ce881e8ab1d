"""Reads by id through the HTTP API (not a test: timings never fail a build).

The demo city served by ``eoffice serve`` (gunicorn, 2 workers x 8 threads) on loopback
with ``--files`` synthetic files (default 100,000). 16 clients read files of URB by
number as the demo clerk (``GET /api/v1/files/<number>``: the file with its parties,
documents, history, annotations and movements, checked against who asks) for
``--seconds``. A clerk's read writes the audit event ``files.file_viewed`` at most once
an hour per file: the 500 files read are each read once before the measure, so the
measure is of reads (as when a clerk comes back to her files); the first reads, with
their audit writes, are timed apart. The server's CPU per request (all its processes)
is printed too: the steadier figure on a shared machine (the clients run on the same
two cores).

Ceilings measured in the same run: ``GET /healthz`` (a trivial route: what gunicorn,
Flask and the loopback give on this machine) at the same concurrency, and the bare SQL
read of one file by number in this process. The issue's goal: >= 1,000 reads/s.

    .venv/bin/python bench/reads.py [--files 100000] [--seconds 10] [--clients 16]
    EOFFICE_BENCH_PG_URL=postgresql+psycopg://... on a fresh PostgreSQL database
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import emit, latency_ms, rate_and_latency, run_clients
from bench.served import Client, served_city
from bench.submissions import group_cpu_seconds

GOAL_PER_SECOND = 1_000
READ = "SELECT * FROM files_file WHERE number = :number"


def numbers_of_urb(database_url: str, count: int) -> list[str]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        numbers = list(connection.execute(text(
            "SELECT number FROM files_file WHERE responsible_unit = 'URB' "
            "AND opened_by = 'bench'")).scalars())
    engine.dispose()
    return random.Random(11).sample(numbers, count)  # noqa: S311 - not a secret


def first_reads(client: Client, numbers: list[str], clients: int) -> dict[str, float]:
    """Every file read once (each read writes its audit event), timed."""
    def read(number: str) -> float:
        started = time.perf_counter()
        client.get(f"/api/v1/files/{number}")
        return time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        durations = list(pool.map(read, numbers))
    return rate_and_latency(durations, time.perf_counter() - started)


def bare_reads(database_url: str, numbers: list[str]) -> tuple[float, dict[str, float]]:
    """Reads per second of one connection reading the files by number, and latency."""
    engine = create_engine(database_url)
    samples = []
    with engine.connect() as connection:
        for number in numbers * 4:
            started = time.perf_counter()
            connection.execute(text(READ), {"number": number}).one()
            samples.append(time.perf_counter() - started)
    engine.dispose()
    return len(samples) / sum(samples), latency_ms(samples)


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    with served_city("reads", files=args.files) as served:
        client = Client(served)
        numbers = numbers_of_urb(served.database_url, 500)
        first = first_reads(client, numbers, args.clients)
        assert served.server.process is not None
        group = served.server.process.pid
        cpu = group_cpu_seconds(group)
        trivial = rate_and_latency(*run_clients(lambda _n: client.get("/healthz"),
                                                clients=args.clients, seconds=args.seconds))
        trivial["server_cpu_ms"] = round(
            (group_cpu_seconds(group) - cpu) * 1000 / trivial["count"], 2)
        cpu = group_cpu_seconds(group)
        reads = rate_and_latency(*run_clients(
            lambda n: client.get(f"/api/v1/files/{numbers[n % len(numbers)]}"),
            clients=args.clients, seconds=args.seconds))
        reads["server_cpu_ms"] = round(
            (group_cpu_seconds(group) - cpu) * 1000 / reads["count"], 2)
        bare_rate, bare = bare_reads(served.database_url, numbers)
    print(f"database: {served.database}; {args.files:,} files; {args.clients} clients")
    print(f"first reads (audit event written): p50 {first['p50_ms']:.0f} ms")
    print(f"GET /healthz (ceiling): {trivial['per_second']:,.0f}/s, p50 "
          f"{trivial['p50_ms']:.1f} ms, p95 {trivial['p95_ms']:.1f} ms, server CPU "
          f"{trivial['server_cpu_ms']:.1f} ms per request")
    print(f"GET /api/v1/files/<number>: {reads['per_second']:,.0f}/s, p50 "
          f"{reads['p50_ms']:.1f} ms, p95 {reads['p95_ms']:.1f} ms, server CPU "
          f"{reads['server_cpu_ms']:.1f} ms per read (goal >= {GOAL_PER_SECOND:,}/s)")
    print(f"bare SQL read by number, one connection in process: {bare_rate:,.0f}/s, "
          f"p50 {bare['p50_ms']:.2f} ms")
    return emit("reads by id/s", database=served.database, result=reads["per_second"],
                unit="reads/s", baseline=trivial["per_second"],
                baseline_name="GET /healthz, same clients",
                ratio=round(reads["per_second"] / trivial["per_second"], 3),
                goal=f">= {GOAL_PER_SECOND:,}/s", met=reads["per_second"] >= GOAL_PER_SECOND,
                details={"files": args.files, "clients": args.clients, "reads": reads,
                         "healthz": trivial, "first_reads_with_audit": first,
                         "bare_sql_per_second": round(bare_rate, 1), "bare_sql": bare})


if __name__ == "__main__":
    main()
