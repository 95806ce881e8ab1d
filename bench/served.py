"""A demo city served by ``eoffice serve`` (gunicorn) on loopback with many synthetic
files, for the benchmarks that go through the HTTP API (reads by id, file lists).

The instance is set up as people do it (``eoffice db upgrade``, ``eoffice demo load``);
the files are then added with one bulk ``INSERT ... SELECT`` over a generated series (a
recursive CTE on SQLite, ``generate_series`` on PostgreSQL): a fifth of them belong to
the busiest unit, URB (the demo clerk's unit), the rest spread over the city's other
units, opened a minute apart since 2010. Clients keep one HTTP connection each.
"""

from __future__ import annotations

import http.client
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.measure import PG_URL_VARIABLE, fresh_pg_database
from tests.live_server import LiveServer, prepare_instance, run_eoffice, server_env

BUSIEST = "URB"

SQLITE_FILES = """
INSERT INTO files_file (id, number, unit_code, responsible_unit, year, sequence,
    procedure_code, case_code, subject, parties, state, phase, opened_at, opened_by)
WITH RECURSIVE series(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM series WHERE n < :count),
placed AS (SELECT n, CASE WHEN n % 5 = 0 THEN 'URB'
                          ELSE (SELECT code FROM bench_unit WHERE i = n % :others) END AS unit
           FROM series)
SELECT printf('bench-%030d', n), unit || '/2010/' || printf('%07d', n), unit, unit, 2010, n,
       'general-application', 'standard', 'Bench file ' || n, '[]', 'open', 'in_process',
       datetime('2010-01-01', '+' || n || ' minutes'), 'bench'
FROM placed
"""

PG_FILES = """
INSERT INTO files_file (id, number, unit_code, responsible_unit, year, sequence,
    procedure_code, case_code, subject, parties, state, phase, opened_at, opened_by)
SELECT 'bench-' || lpad(n::text, 30, '0'), unit || '/2010/' || lpad(n::text, 7, '0'),
       unit, unit, 2010, n, 'general-application', 'standard', 'Bench file ' || n, '[]',
       'open', 'in_process', timestamptz '2010-01-01 00:00+00' + n * interval '1 minute',
       'bench'
FROM (SELECT n, CASE WHEN n % 5 = 0 THEN 'URB'
                     ELSE (SELECT code FROM bench_unit WHERE i = n % :others) END AS unit
      FROM generate_series(1, :count) AS n) AS placed
"""


def seed_files(database_url: str, count: int) -> float:
    """Add ``count`` files in one statement; the seconds it took."""
    engine = create_engine(database_url)
    started = time.perf_counter()
    with engine.begin() as connection:
        others = [code for (code,) in connection.execute(text(
            "SELECT code FROM unit WHERE code <> :busiest ORDER BY code"),
            {"busiest": BUSIEST})]
        connection.execute(text("CREATE TABLE bench_unit (i INTEGER PRIMARY KEY, "
                                "code VARCHAR(50))"))
        connection.execute(text("INSERT INTO bench_unit (i, code) VALUES (:i, :code)"),
                           [{"i": i, "code": code} for i, code in enumerate(others)])
        sql = PG_FILES if engine.dialect.name == "postgresql" else SQLITE_FILES
        connection.execute(text(sql), {"count": count, "others": len(others)})
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


@dataclass
class Served:
    server: LiveServer
    database_url: str
    token: str
    seed_seconds: float
    database: str


@contextmanager
def served_city(name: str, *, files: int, workers: int = 2,
                threads: int = 8) -> Iterator[Served]:
    """The demo city with ``files`` synthetic files, served until the block ends; a
    bearer token of the demo clerk of URB."""
    instance = Path(tempfile.mkdtemp(prefix=f"eoffice-bench-{name}-"))
    extra = {}
    server_url = os.environ.get(PG_URL_VARIABLE)
    if server_url:
        extra["EOFFICE_DATABASE_URL"] = fresh_pg_database(server_url, name)
    env = server_env(instance, **extra)
    env["EOFFICE_SIGN_IN_RATE_LIMIT"] = "100000 per minute"
    prepare_instance(env)
    database_url = env["EOFFICE_DATABASE_URL"]
    seconds = seed_files(database_url, files)
    token = run_eoffice(env, "tokens", "create", "--user", "clerk").strip().split()[-1]
    server = LiveServer(env, instance / "server.log", workers=workers, threads=threads)
    server.start()
    try:
        yield Served(server, database_url, token, seconds,
                     "PostgreSQL" if server_url else "SQLite")
    finally:
        server.stop()


class Client:
    """One keep-alive HTTP connection per thread to the served city."""

    def __init__(self, served: Served) -> None:
        self.port, self.token = served.server.port, served.token
        self._local = threading.local()

    def get(self, path: str) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=120)
        connection.request("GET", path, headers={"Authorization": f"Bearer {self.token}"})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {body[:300]!r}")
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            self._local.connection = None
        content_type = response.getheader("Content-Type", "")
        return json.loads(body) if "json" in content_type else body
