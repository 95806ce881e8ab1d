"""Must show 5 of the archive: killing the worker (SIGKILL, no clean-up) while it indexes
a batch of archived files, then starting it again, ends with the index complete: every
archived file of the database is in it, each item once.

The worker runs as ``eoffice worker`` on its own SQLite instance. The messages the killed
worker had claimed were leased to it for five minutes (``outbox.LEASE``); the new worker,
on the same host, sees that the process holding them no longer runs and takes them back
at once (``outbox.release_abandoned_leases``, found by the SIGKILL rounds of issue 11), so
everything is delivered without waiting for the lease to end."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eoffice.archive.index.fts5 import Fts5Index
from eoffice.archive.runtime import INDEX_FILE
from eoffice.archive.topics import INDEX_TOPIC
from tests.live_server import eoffice_command, prepare_instance, server_env

RECORDS = 40
TOPIC = f"topic = '{INDEX_TOPIC}'"


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(eoffice_command("worker"), env=env, stdout=output,
                                stderr=subprocess.STDOUT, start_new_session=True)


def _query(instance: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(instance / "live.sqlite3", timeout=30) as db:
        return db.execute(sql).fetchall()


def _until(condition: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    pytest.fail(f"timed out waiting until {what}")


def _done(instance: Path) -> int:
    return int(_query(instance, f"SELECT count(*) FROM outbox_message WHERE {TOPIC} "
                                "AND status = 'done'")[0][0])


@pytest.mark.live_server
@pytest.mark.timeout(1200)
def test_killing_the_worker_during_a_bulk_index_loses_no_index_update(tmp_path: Path) -> None:
    env = server_env(tmp_path)
    prepare_instance(env)
    made = subprocess.run([sys.executable, "-m", "tests.archive.index_crash_city", "make",
                           str(RECORDS)], env=env, capture_output=True, text=True,
                          check=False, timeout=900)
    assert made.returncode == 0, made.stderr[-3000:]
    records = {str(r) for (r,) in _query(tmp_path, "SELECT id FROM archive_record")}
    waiting = _query(tmp_path, f"SELECT count(*) FROM outbox_message WHERE {TOPIC} "
                               "AND status = 'pending'")[0][0]
    assert len(records) >= RECORDS and waiting >= RECORDS
    index = Fts5Index(tmp_path / "archive" / INDEX_FILE)

    worker = _worker(env, tmp_path / "worker.log")
    try:
        _until(lambda: _done(tmp_path) >= 3, seconds=300, what="the worker indexes")
        os.killpg(worker.pid, signal.SIGKILL)  # in the middle of the batch
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    indexed_then = index.record_ids()
    assert 0 < len(indexed_then) < len(records), "killed too late: nothing left to lose"

    worker = _worker(env, tmp_path / "worker.log")
    try:
        _until(lambda: _query(tmp_path, f"SELECT count(*) FROM outbox_message WHERE {TOPIC} "
                                        "AND status != 'done'")[0][0] == 0,
               seconds=600, what="the outbox is drained, the dead worker's leases included")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)

    assert index.record_ids() == records
    counted = subprocess.run([sys.executable, "-m", "tests.archive.index_crash_city",
                              "items"], env=env, capture_output=True, text=True, check=True,
                             timeout=300)
    expected = int(counted.stdout.strip().splitlines()[-1])
    assert index.count() == expected  # every item once: redelivery replaced, never doubled
    status = subprocess.run(eoffice_command("archive", "index-status"), env=env,
                            capture_output=True, text=True, check=False, timeout=120)
    assert status.returncode == 0, status.stdout + status.stderr
