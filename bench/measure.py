"""What the benchmarks share: a scratch database (SQLite file, or a fresh database on the
PostgreSQL server named by ``EOFFICE_BENCH_PG_URL``), clients run in threads for a while,
latency percentiles, and the one machine-readable line each script prints for
``bench/run_all.py`` (``BENCH-RESULT {json}``, with the load average of the machine at the
end of the measure: the machine is shared, so every figure carries it).
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

RESULT_PREFIX = "BENCH-RESULT "
PG_URL_VARIABLE = "EOFFICE_BENCH_PG_URL"


def database_label() -> str:
    return "PostgreSQL" if os.environ.get(PG_URL_VARIABLE) else "SQLite"


def fresh_pg_database(server_url: str, name: str) -> str:
    """A new empty database ``bench_<name>_<random>`` on the server of ``server_url``."""
    database = f"bench_{name}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return make_url(server_url).set(database=database).render_as_string(hide_password=False)


def scratch_database_url(name: str, folder: Path | None = None) -> str:
    """A database for one benchmark: a fresh PostgreSQL database when
    ``EOFFICE_BENCH_PG_URL`` is set, else a new SQLite file in ``folder`` (or a temp dir)."""
    server = os.environ.get(PG_URL_VARIABLE)
    if server:
        return fresh_pg_database(server, name)
    folder = folder or Path(tempfile.mkdtemp(prefix=f"eoffice-bench-{name}-"))
    return f"sqlite:///{folder / 'bench.sqlite3'}"


def percentile(samples: list[float], share: float) -> float:
    """The ``share`` (0..1) quantile of ``samples`` (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def latency_ms(samples: list[float]) -> dict[str, float]:
    """p50, p95 and p99 of ``samples`` (seconds), in milliseconds."""
    if not samples:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0}
    return {"p50_ms": round(statistics.median(samples) * 1000, 2),
            "p95_ms": round(percentile(samples, 0.95) * 1000, 2),
            "p99_ms": round(percentile(samples, 0.99) * 1000, 2)}


def run_clients(call: Callable[[int], object], *, clients: int,
                seconds: float) -> tuple[list[float], float]:
    """``clients`` threads calling ``call(n)`` (n counts calls across threads) until
    ``seconds`` have passed: the duration of every call and the elapsed time."""
    durations: list[float] = []
    lock, counter = threading.Lock(), iter(range(10**12))
    deadline = time.perf_counter() + seconds

    def client() -> None:
        while time.perf_counter() < deadline:
            with lock:
                number = next(counter)
            started = time.perf_counter()
            call(number)
            taken = time.perf_counter() - started
            with lock:
                durations.append(taken)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    return durations, time.perf_counter() - started


def rate_and_latency(durations: list[float], elapsed: float) -> dict[str, float]:
    return {"per_second": round(len(durations) / elapsed, 1), "count": len(durations),
            **latency_ms(durations)}


def emit(measure: str, **fields: Any) -> dict[str, Any]:
    """Print the result of one measure as one JSON line for run_all.py (and return it).
    Expected fields: ``result``, ``unit``, ``baseline`` (measured in the same run),
    ``goal`` and ``met`` (None when the issue sets no goal), ``database``."""
    record = {"measure": measure, **fields,
              "load_average": [round(load, 2) for load in os.getloadavg()],
              "cores": os.cpu_count()}
    print(RESULT_PREFIX + json.dumps(record), flush=True)
    return record
