"""Benchmark of end-to-end submissions (not a test: timings never fail a build).

Starts `eoffice serve` (gunicorn) on loopback with its own instance and the demo city,
then N concurrent clients (default 8) each send applications of the demo's
`general-application` through the API: start the draft, give the answers (validated),
submit (registered, receipt sealed B-LTA by the office, hand-off message written).
Prints submissions per second and latency percentiles of one whole submission, and, as the
ratio's baseline, the rate of bare rendering + sealing of a receipt in this process
(the documents context alone), since sealing is the dominant cost.

    .venv/bin/python bench/submissions.py [--clients 8] [--seconds 30]
    EOFFICE_BENCH_DATABASE_URL=postgresql+psycopg://... to run on PostgreSQL
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eoffice import documents
from eoffice.documents.pki.sandbox import sandbox_runtime
from tests.live_server import LiveServer, prepare_instance, run_eoffice, server_env

GOAL_PER_SECOND = 20
ANSWERS = {"subject": "Bench", "request": "A request sent by the benchmark."}


def _call(url: str, token: str, method: str, path: str, body: dict[str, Any],
          key: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(url + path, method=method, headers=headers,  # noqa: S310 - loopback http
                                     data=json.dumps(body).encode())
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
        answer: dict[str, Any] = json.load(response)
        return answer


def one_submission(url: str, token: str, number: int) -> float:
    started = time.perf_counter()
    draft = _call(url, token, "POST", "/api/v1/submissions",
                  {"procedure": "general-application", "case": "standard"})
    path = f"/api/v1/submissions/{draft['id']}"
    _call(url, token, "PATCH", path, {"answers": ANSWERS})
    sent = _call(url, token, "POST", f"{path}/submit", {}, key=f"bench-{number}")
    assert sent["status"] == "registered", sent
    return time.perf_counter() - started


def baseline_seal_rate(rounds: int) -> float:
    """Receipts rendered and sealed B-LTA per second, in process, by the documents context."""
    runtime = sandbox_runtime()
    data = {"registry_number": "E/2026/000001", "registered_at": "2026-12-03T10:00:00+01:00",
            "applicant": "Ana García Puig (12345678Z)", "subject": "Bench", "documents": []}
    started = time.perf_counter()
    for _ in range(rounds):
        documents.prepare_document(doc_type=documents.DocumentType.RECEIPT, title="Receipt",
                                   data=data, language="es", unit_code="REG",
                                   unit_name="Registro General", runtime=runtime)
    return rounds / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="eoffice-bench-"))
    extra = {}
    if os.environ.get("EOFFICE_BENCH_DATABASE_URL"):
        extra["EOFFICE_DATABASE_URL"] = os.environ["EOFFICE_BENCH_DATABASE_URL"]
    env = server_env(instance, **extra)
    prepare_instance(env)
    token = run_eoffice(env, "tokens", "create", "--user", "ana").strip().split()[-1]
    server = LiveServer(env, instance / "server.log", workers=args.workers, threads=4)
    server.start()
    durations: list[float] = []
    lock, counter = threading.Lock(), iter(range(10**9))
    deadline = time.perf_counter() + args.seconds

    def client() -> None:
        while time.perf_counter() < deadline:
            with lock:
                number = next(counter)
            taken = one_submission(server.url, token, number)
            with lock:
                durations.append(taken)

    try:
        one_submission(server.url, token, -1)  # warm up: PKI services, caches
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            for future in [pool.submit(client) for _ in range(args.clients)]:
                future.result()
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    rate = len(durations) / elapsed
    p50 = statistics.median(durations)
    p95 = statistics.quantiles(durations, n=20)[-1] if len(durations) >= 20 else max(durations)
    base = baseline_seal_rate(5)
    database = "PostgreSQL" if extra else "SQLite"
    print(f"database: {database}; clients: {args.clients}; gunicorn workers: {args.workers}")
    print(f"end-to-end submissions: {len(durations)} in {elapsed:.1f} s = {rate:.1f}/s "
          f"(goal {GOAL_PER_SECOND}/s); p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"baseline, bare render + B-LTA seal of a receipt in process: {base:.1f}/s")
    print(f"ratio end-to-end / baseline: {rate / base:.2f}")


if __name__ == "__main__":
    main()
