"""Benchmark of end-to-end submissions (not a test: timings never fail a build).

Starts `eoffice serve` (gunicorn) on loopback with its own instance and the demo city,
then N concurrent clients (default 8) each send applications of the demo's
`general-application` through the API: start the draft, give the answers (validated),
submit (quoted, registered, file opened, application PDF and receipt rendered, receipt
sealed B-LTA by the office). Prints submissions per second, latency percentiles of one
whole submission, the CPU the server spent per submission (what bounds the rate on this
machine, whatever else runs on it) and, as the ratio's baseline, the rate of bare
rendering + B-LTA sealing of a receipt in this process (the documents context alone).

The development PKI's TSA/OCSP/CRL run as their own process (`python -m
eoffice.documents.pki`), as a real TSA would be another machine; their CPU is printed
apart. `--pki-in-server` leaves them in a thread of a gunicorn worker, as `eoffice
serve` does on its own.

`--receipt-deferred` measures the design proposed in docs/adr/0022: the office seal is
made unavailable (`EOFFICE_SEAL_PKCS12` names a missing file), so every submission
registers and leaves its receipt to the worker (not running here) as it does when sealing
fails: what the request costs without rendering and sealing the receipt.

    .venv/bin/python bench/submissions.py [--clients 8] [--seconds 30] [--workers 2]
    EOFFICE_BENCH_DATABASE_URL=postgresql+psycopg://... to run on PostgreSQL
    (a throwaway server: url=$(tools/pg_test_server.sh start "$(mktemp -d)"))

Results and how they were measured: bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import emit, run_clients
from eoffice import documents
from eoffice.documents.pki.devpki import ensure_dev_pki
from eoffice.documents.pki.sandbox import sandbox_runtime
from tests.live_server import LiveServer, prepare_instance, run_eoffice, server_env

GOAL_PER_SECOND = 20
GOAL_P95_MS = 500
ANSWERS = {"subject": "Bench", "request": "A request sent by the benchmark."}
TICKS = os.sysconf("SC_CLK_TCK")


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


def group_cpu_seconds(group: int) -> float:
    """User + system CPU of the live processes of process group ``group``."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # fields after the name: state, ppid, pgrp, ...
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def baseline_seal_rate(rounds: int) -> float:
    """Receipts rendered and sealed B-LTA per second, in process, by the documents context."""
    runtime = sandbox_runtime()
    data = {"registry_number": "E/2026/000001", "registered_at": "2026-12-03T10:00:00+01:00",
            "applicant": "Ana García Puig (12345678Z)", "subject": "Bench", "documents": []}

    def seal() -> None:
        documents.prepare_document(doc_type=documents.DocumentType.RECEIPT, title="Receipt",
                                   data=data, language="es", unit_code="REG",
                                   unit_name="Registro General", runtime=runtime,
                                   attachments_json={"registry_entry": data})

    seal()  # warm-up: fonts, keys, first revocation data
    started = time.perf_counter()
    for _ in range(rounds):
        seal()
    return rounds / (time.perf_counter() - started)


def start_pki(env: dict[str, str], instance: Path) -> subprocess.Popen[bytes]:
    """The development PKI's services as their own process, answering before we go on."""
    port = int(env["EOFFICE_DEV_PKI_PORT"])
    ensure_dev_pki(instance / "pki", port=port, city="Ajuntament de Demo")
    process = subprocess.Popen(  # noqa: S603 - our own module
        [sys.executable, "-m", "eoffice.documents.pki", "--instance", str(instance),
         "--port", str(port)], env=env, stdout=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
        except urllib.error.HTTPError:
            return process  # answering (404 at the root)
        except OSError:
            time.sleep(0.2)
            continue
        return process
    raise SystemExit("the development PKI services did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--pki-in-server", action="store_true")
    parser.add_argument("--receipt-deferred", action="store_true")
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="eoffice-bench-"))
    extra = {}
    if os.environ.get("EOFFICE_BENCH_DATABASE_URL"):
        extra["EOFFICE_DATABASE_URL"] = os.environ["EOFFICE_BENCH_DATABASE_URL"]
    env = server_env(instance, **extra)
    prepare_instance(env)
    if args.receipt_deferred:
        env["EOFFICE_SEAL_PKCS12"] = str(instance / "no-seal.p12")
    token = run_eoffice(env, "tokens", "create", "--user", "ana").strip().split()[-1]
    pki = None if args.pki_in_server else start_pki(env, instance)
    server = LiveServer(env, instance / "server.log", workers=args.workers,
                        threads=args.threads)
    server.start()
    try:
        for number in range(-4, 0):  # warm-up of every worker: runtime, fonts, keys
            one_submission(server.url, token, number)
        assert server.process is not None
        cpu = group_cpu_seconds(server.process.pid)
        pki_cpu = group_cpu_seconds(pki.pid) if pki else 0.0
        durations, elapsed = run_clients(
            lambda number: one_submission(server.url, token, number),
            clients=args.clients, seconds=args.seconds)
        cpu = group_cpu_seconds(server.process.pid) - cpu
        pki_cpu = (group_cpu_seconds(pki.pid) if pki else 0.0) - pki_cpu
    finally:
        server.stop()
        if pki is not None:
            pki.terminate()
            pki.wait(timeout=10)
    database = "PostgreSQL" if extra else "SQLite"
    report(args, durations, elapsed, cpu, pki_cpu, database, baseline_seal_rate(10))


def report(args: argparse.Namespace, durations: list[float], elapsed: float, cpu: float,
           pki_cpu: float, database: str, base: float) -> None:
    count = len(durations)
    rate = count / elapsed
    p50 = statistics.median(durations) * 1000
    p95 = (statistics.quantiles(durations, n=20)[-1] if count >= 20 else max(durations)) * 1000
    cores = os.cpu_count() or 1
    per_submission = cpu / count * 1000
    print(f"database: {database}; clients: {args.clients}; gunicorn workers: {args.workers} x "
          f"{args.threads} threads; cores: {cores}; PKI services: "
          f"{'in a server thread' if args.pki_in_server else 'own process'}"
          + ("; receipts deferred (not sealed in the request)" if args.receipt_deferred else ""))
    print(f"end-to-end submissions: {count} in {elapsed:.1f} s = {rate:.1f}/s "
          f"(goal {GOAL_PER_SECOND}/s); p50 {p50:.0f} ms, p95 {p95:.0f} ms "
          f"(goal < {GOAL_P95_MS} ms)")
    print(f"server CPU per submission: {per_submission:.0f} ms "
          f"(bound on {cores} cores: {cores * 1000 / per_submission:.1f}/s)"
          + (f"; PKI services: {pki_cpu / count * 1000:.0f} ms" if pki_cpu else ""))
    print(f"baseline, bare render + B-LTA seal of a receipt in process: {base:.1f}/s")
    print(f"ratio end-to-end / baseline: {rate / base:.2f}")
    emit("end-to-end submissions/s (sealed receipt)", database=database,
         result=round(rate, 2), unit="submissions/s", baseline=round(base, 2),
         baseline_name="render + B-LTA seal of a receipt in process", ratio=round(rate / base, 3),
         goal=f">= {GOAL_PER_SECOND}/s, p95 < {GOAL_P95_MS} ms",
         met=rate >= GOAL_PER_SECOND and p95 < GOAL_P95_MS,
         details={"clients": args.clients, "p50_ms": round(p50), "p95_ms": round(p95),
                  "server_cpu_ms": round(per_submission), "count": count,
                  "receipt_deferred": args.receipt_deferred})


if __name__ == "__main__":
    main()
