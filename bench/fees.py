"""Benchmark of the fee calculator (not a test: timings never fail a build).

Builds a scratch SQLite database with the demo city, then measures, in this process:

- the bare evaluator on a pre-parsed rule (the baseline),
- ``fees.quote`` (rule lookup in the database, cached parse, evaluation, explanation),
- ``POST /api/v1/fees/quote`` through the Flask test client (p50 and p95 latency),

and prints each as quotes per second and as a ratio to the baseline.

    .venv/bin/python bench/fees.py [--seconds 2]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eoffice import fees
from eoffice.app import create_app
from eoffice.demo import load_demo
from eoffice.fees.evaluate import evaluate
from eoffice.fees.explain import explain
from eoffice.fees.parsing import parse_schedule
from eoffice.identity.limits import limiter
from eoffice.migrate import upgrade
from eoffice.settings import Settings

GOAL_PER_SECOND = 5_000
CASE = {"procedure": "minor-works", "case": "occupying-road"}
ANSWERS: dict[str, Any] = {"budget": "8000", "occupies_public_road": True,
                           "occupation_kind": "scaffolding", "occupied_m2": "12",
                           "occupation_days": "30"}


def rate(call: Callable[[], object], seconds: float) -> float:
    """Calls per second of ``call`` over about ``seconds``."""
    done, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for _ in range(100):
            call()
        done += 100
    return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        upgrade(url)
        app = create_app(Settings(instance_path=Path(scratch), database_url=url,
                                  secret_key="bench-secret-key-not-for-production"))  # noqa: S106
        limiter.enabled = False  # measure the calculator, not the rate limit
        database = app.extensions["eoffice.database"]
        with app.app_context():
            with database.unit_of_work() as session:
                load_demo(session)
            run(app, database, args)
        database.dispose()


def run(app: Any, database: Any, args: argparse.Namespace) -> None:
    with database.reader() as session:
        found = fees.get_rule(session, "minor_works_occupying_road")
    schedule, _problems = parse_schedule(found.versions[-1].definition)
    assert schedule is not None

    def bare() -> object:
        return explain(evaluate(schedule, ANSWERS, locale="es"), "es")

    baseline = rate(bare, args.seconds)
    with database.reader() as session:
        expected = fees.quote(session, **CASE, answers=ANSWERS).amount
        in_process = rate(lambda: fees.quote(session, **CASE, answers=ANSWERS),
                          args.seconds)

    def fresh_session() -> object:
        with database.reader() as session:
            return fees.quote(session, **CASE, answers=ANSWERS)

    per_session = rate(fresh_session, args.seconds)
    client = app.test_client()
    latencies = []
    for _ in range(args.requests):
        started = time.perf_counter()
        response = client.post("/api/v1/fees/quote", json={**CASE, "answers": ANSWERS})
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 200, response.get_data(as_text=True)
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print(f"amount {expected} EUR (rule minor_works_occupying_road)")
    print(f"bare evaluator + explanation (baseline): {baseline:10.0f} quotes/s   ratio 1.00")
    print(f"fees.quote in process (one session):    {in_process:10.0f} quotes/s   ratio "
          f"{in_process / baseline:.2f}   goal >= {GOAL_PER_SECOND}/s: "
          f"{'met' if in_process >= GOAL_PER_SECOND else 'NOT met'}")
    print(f"fees.quote, a new session each time:    {per_session:10.0f} quotes/s   ratio "
          f"{per_session / baseline:.2f}")
    print(f"POST /api/v1/fees/quote:                 {1 / p50:10.0f} requests/s at p50; "
          f"p50 {p50 * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms   ratio p95/baseline "
          f"{p95 * baseline:.1f}x")


if __name__ == "__main__":
    main()
