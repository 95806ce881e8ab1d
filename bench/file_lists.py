"""File lists over many files through the HTTP API (not a test: timings never fail a
build).

The demo city served by ``eoffice serve`` (gunicorn, 2 workers x 8 threads) on loopback
with ``--files`` synthetic files (default 100,000; the issue's figure is 1,000,000), a
fifth of them of URB. The demo clerk of URB asks for the first page of her files
(``GET /api/v1/files?page=1&page_size=20``: newest first, with the total), by 1 and by 16
clients at once, for ``--seconds`` each. The ceiling, measured in the same run: the
same page as bare SQL in this process (the ``SELECT`` of the 20 newest files of URB
alone, without the total or the files moving to or from the unit). Printed: p50 / p95
per request, requests/s, the server's CPU per request, and the issue's goal: median
<= 200 ms at 1 client, <= 450 ms at 16 (what Open Zaak reaches on 10 CPUs).

    .venv/bin/python bench/file_lists.py [--files 1000000] [--seconds 10]
    EOFFICE_BENCH_PG_URL=postgresql+psycopg://... on a fresh PostgreSQL database
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import emit, latency_ms, rate_and_latency, run_clients
from bench.served import BUSIEST, Client, served_city
from bench.submissions import group_cpu_seconds

GOAL_MEDIAN_MS = {1: 200, 16: 450}
PAGE = "/api/v1/files?page=1&page_size=20"
BARE_PAGE = ("SELECT number, subject, procedure_code, case_code, state, phase, "
             "responsible_unit, opened_at, closed_at FROM files_file "
             "WHERE responsible_unit = :unit ORDER BY opened_at DESC, number DESC LIMIT 20")


def bare_page_seconds(database_url: str, rounds: int) -> list[float]:
    engine = create_engine(database_url)
    samples = []
    with engine.connect() as connection:
        for _ in range(rounds):
            started = time.perf_counter()
            rows = connection.execute(text(BARE_PAGE), {"unit": BUSIEST}).all()
            samples.append(time.perf_counter() - started)
            assert len(rows) == 20
    engine.dispose()
    return samples


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    with served_city("lists", files=args.files) as served:
        client = Client(served)
        first = client.get(PAGE)
        assert served.server.process is not None
        group, runs = served.server.process.pid, {}
        for clients in GOAL_MEDIAN_MS:
            cpu = group_cpu_seconds(group)
            runs[clients] = rate_and_latency(*run_clients(
                lambda _n: client.get(PAGE), clients=clients, seconds=args.seconds))
            runs[clients]["server_cpu_ms"] = round(
                (group_cpu_seconds(group) - cpu) * 1000 / runs[clients]["count"], 1)
        bare = latency_ms(bare_page_seconds(served.database_url, 50))
    print(f"database: {served.database}; {args.files:,} files seeded in "
          f"{served.seed_seconds:.1f} s; the clerk of {BUSIEST} sees {first['total']:,}")
    print(f"bare SQL page in process: p50 {bare['p50_ms']:.1f} ms, p95 {bare['p95_ms']:.1f} ms")
    for clients, run in runs.items():
        print(f"GET {PAGE}, {clients:>2} clients: {run['per_second']:,.1f}/s, "
              f"p50 {run['p50_ms']:.0f} ms, p95 {run['p95_ms']:.0f} ms, "
              f"server CPU {run['server_cpu_ms']:.0f} ms per request "
              f"(goal median <= {GOAL_MEDIAN_MS[clients]} ms)")
    met = all(runs[c]["p50_ms"] <= goal for c, goal in GOAL_MEDIAN_MS.items())
    return emit(f"file list, {args.files:,} files, median at 1 / 16 clients",
                database=served.database,
                result=f"{runs[1]['p50_ms']:.0f} / {runs[16]['p50_ms']:.0f}", unit="ms",
                baseline=bare["p50_ms"], baseline_name="bare SQL page in process, p50 ms",
                ratio=round(bare["p50_ms"] / runs[1]["p50_ms"], 4),
                goal="<= 200 / <= 450 ms", met=met,
                details={"files": args.files, "total_seen": first["total"],
                         "one_client": runs[1], "sixteen_clients": runs[16],
                         "bare_sql": bare, "seed_seconds": round(served.seed_seconds, 1)})


if __name__ == "__main__":
    main()
