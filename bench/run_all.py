"""``make bench``: every benchmark of bench/ in a short mode, one after another, and a
table of their results, each against the ceiling or baseline its script measured in the
same run (not a test: timings never fail a build, and nothing here fails on a goal).

Each script prints one ``BENCH-RESULT {json}`` line (bench/measure.py); the table has
the measure, the database, the result, the baseline, their ratio, the issue's goal,
whether it was met, and the machine's load average when it was measured (the machine is
shared: compare ratios, not absolute rates, between runs).

    .venv/bin/python bench/run_all.py                 # SQLite, 100,000 files, ~10 min
    .venv/bin/python bench/run_all.py --databases sqlite,postgresql   # both
    .venv/bin/python bench/run_all.py --files 1000000 --only file_lists,reads
    make bench BENCH_ARGS="--databases postgresql"

The scripts' own output goes to a log file (its path is printed); ``--json FILE`` keeps
the results.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import PG_URL_VARIABLE, RESULT_PREFIX, fresh_pg_database

ROOT = Path(__file__).resolve().parents[1]
NONE = "-"

TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class Step:
    name: str
    args: tuple[str, ...]
    on_database: bool = True  # also on PostgreSQL (--databases postgresql)


def steps(files: int) -> list[Step]:
    return [
        Step("registry", ("--seconds", "5")),
        Step("audit", ("--events", "5000", "--seconds", "5")),
        Step("reads", ("--files", str(files), "--seconds", "5")),
        Step("file_lists", ("--files", str(files), "--seconds", "8")),
        Step("workflows", ("--files", "3", "--baseline-rounds", "100")),
        Step("submissions", ("--seconds", "15")),
        Step("archive", ("--sizes", "20000", "--rounds", "20"), on_database=False),
    ]


def run_step(step: Step, env: dict[str, str], log: Path) -> list[dict[str, Any]]:
    """Run one script; its result lines (an error record when it failed)."""
    started = time.perf_counter()
    with log.open("a") as output:
        output.write(f"\n===== {step.name} {' '.join(step.args)} "
                     f"({'PostgreSQL' if PG_URL_VARIABLE in env else 'SQLite'})\n")
        output.flush()
        try:
            done = subprocess.run(  # noqa: S603 - our own scripts
                [sys.executable, str(ROOT / "bench" / f"{step.name}.py"), *step.args],
                env=env, stdout=subprocess.PIPE, stderr=output, text=True, check=False,
                timeout=TIMEOUT_SECONDS, cwd=ROOT)
            stdout, code = done.stdout, done.returncode
        except subprocess.TimeoutExpired as expired:
            stdout, code = str(expired.stdout or ""), -1
        output.write(stdout)
    records = [json.loads(line[len(RESULT_PREFIX):]) for line in stdout.splitlines()
               if line.startswith(RESULT_PREFIX)]
    seconds = time.perf_counter() - started
    print(f"  {step.name:<12} {seconds:6.0f} s" + ("" if code == 0 else f"  FAILED ({code})"),
          flush=True)
    if code != 0 or not records:
        return [{"measure": step.name, "database": "?", "result": "failed", "met": None,
                 "goal": None, "error": f"exit {code}: see the log"}]
    return records


def _cell(value: Any) -> str:
    if value is None:
        return NONE
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return str(value)


def table(records: list[dict[str, Any]]) -> str:
    lines = ["| measure | database | result | baseline (same run) | ratio | goal | met? "
             "| load |", "| --- | --- | ---: | --- | ---: | --- | --- | ---: |"]
    for record in records:
        met = {True: "yes", False: "**no**", None: NONE}[record.get("met")]
        baseline = (f"{_cell(record.get('baseline'))} ({record.get('baseline_name', '')})"
                    if record.get("baseline") is not None else NONE)
        load = record.get("load_average") or [None]
        lines.append(f"| {record['measure']} | {record.get('database', '')} | "
                     f"{_cell(record.get('result'))} {record.get('unit', '')} | {baseline} | "
                     f"{_cell(record.get('ratio'))} | {_cell(record.get('goal'))} | {met} | "
                     f"{_cell(load[0])} |")
    return "\n".join(lines)


PG_SERVER = ["bash", str(ROOT / "tools" / "pg_test_server.sh")]


def start_postgresql(folder: Path) -> str:
    """A throwaway PostgreSQL cluster (tools/pg_test_server.sh); its database's URL."""
    done = subprocess.run([*PG_SERVER, "start", str(folder)],  # noqa: S603 - our own tool
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def stop_postgresql(folder: Path) -> None:
    subprocess.run([*PG_SERVER, "stop", str(folder)],  # noqa: S603 - our own tool
                   capture_output=True, check=False)


def run(chosen: list[Step], *, databases: list[str], log: Path) -> list[dict[str, Any]]:
    base_env = {key: value for key, value in os.environ.items()
                if key not in (PG_URL_VARIABLE, "EOFFICE_BENCH_DATABASE_URL")}
    records: list[dict[str, Any]] = []
    if "sqlite" in databases:
        print("SQLite:", flush=True)
        for step in chosen:
            records += run_step(step, base_env, log)
    if "postgresql" not in databases:
        return records
    folder = Path(tempfile.mkdtemp(prefix="eoffice-bench-pg-"))
    try:
        server = start_postgresql(folder)
        print(f"PostgreSQL ({server}):", flush=True)
        for step in (step for step in chosen if step.on_database):
            env = {**base_env, PG_URL_VARIABLE: server}
            if step.name == "submissions":  # its own convention: a fresh database's URL
                env["EOFFICE_BENCH_DATABASE_URL"] = fresh_pg_database(server, "submissions")
            records += run_step(step, env, log)
    finally:
        stop_postgresql(folder)
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", default="sqlite",
                        help="sqlite, postgresql or both (comma-separated): PostgreSQL is a "
                             "throwaway cluster (tools/pg_test_server.sh) for the measures "
                             "that use a database")
    parser.add_argument("--files", type=int, default=100_000,
                        help="synthetic files for reads and file lists (the issue: 1000000)")
    parser.add_argument("--only", default="", help="comma-separated script names")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    args = parser.parse_args()
    chosen = [step for step in steps(args.files)
              if not args.only or step.name in args.only.split(",")]
    log = Path(tempfile.mkdtemp(prefix="eoffice-bench-")) / "bench.log"
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    print(f"machine: {os.cpu_count()} cores ({cpu}), load average "
          f"{' '.join(f'{load:.2f}' for load in os.getloadavg())}; log: {log}", flush=True)
    started = time.perf_counter()
    records = run(chosen, databases=args.databases.split(","), log=log)
    print(f"\n{table(records)}\n")
    print(f"{len(records)} results in {(time.perf_counter() - started) / 60:.1f} min; "
          f"every script's own output: {log}")
    if args.json:
        args.json.write_text(json.dumps(records, indent=2))


if __name__ == "__main__":
    main()
