"""Killing the server (SIGKILL, no clean-up) at random moments while citizens send 30
applications loses nothing and registers nothing twice: after restarts, every accepted
submission is registered once, every number has its entry, and there is no gap."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.live_server import SERVER_DOWN, LiveServer, prepare_instance, run_eoffice, server_env

SUBMISSIONS = 30
CLIENTS = 6
KILLS = 3
ANSWERS = {"subject": "Broken bench", "request": "The bench in Plaça Major is broken."}


class Client:
    """A citizen's program that retries every step until the server answers."""

    def __init__(self, server: LiveServer, token: str, ready: threading.Event) -> None:
        self.server, self.token, self.ready = server, token, ready

    def call(self, method: str, path: str, body: dict[str, Any],
             key: str | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        if key:
            headers["Idempotency-Key"] = key
        for _attempt in range(400):
            self.ready.wait(timeout=60)
            request = urllib.request.Request(self.server.url + path, method=method,
                                             data=json.dumps(body).encode(), headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    answer: dict[str, Any] = json.load(response)
                    return answer
            except urllib.error.HTTPError as refused:
                if refused.code < 500:
                    raise AssertionError(f"{path}: {refused.code} {refused.read()!r}") from None
            except SERVER_DOWN:
                pass  # the server is down or was killed mid-answer: try again when it is back
        raise AssertionError(f"{path}: no answer")

    def send_one(self, number: int) -> str:
        draft = self.call("POST", "/api/v1/submissions",
                          {"procedure": "general-application", "case": "standard"})
        path = f"/api/v1/submissions/{draft['id']}"
        self.call("PATCH", path, {"answers": {**ANSWERS, "subject": f"Bench {number}"}})
        sent = self.call("POST", f"{path}/submit", {}, key=f"crash-test-{number}")
        assert sent["status"] == "registered"
        return str(draft["id"])


def _kill_now_and_then(server: LiveServer, ready: threading.Event,
                       stop: threading.Event) -> int:
    chance, kills = random.Random(7), 0
    while kills < KILLS and not stop.wait(chance.uniform(0.2, 0.8)):
        ready.clear()
        server.kill()
        kills += 1
        server.start()
        ready.set()
    return kills


@pytest.mark.live_server
@pytest.mark.timeout(600)
def test_sigkill_during_submissions_loses_nothing_and_registers_nothing_twice(
    tmp_path: Path,
) -> None:
    env = server_env(tmp_path)
    prepare_instance(env)
    token = run_eoffice(env, "tokens", "create", "--user", "ana").strip().split()[-1]
    server = LiveServer(env, tmp_path / "server.log", workers=2, threads=4)
    server.start()
    ready, stop = threading.Event(), threading.Event()
    ready.set()
    killer = ThreadPoolExecutor(max_workers=1)
    kills = killer.submit(_kill_now_and_then, server, ready, stop)
    try:
        client = Client(server, token, ready)
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            sent = list(pool.map(client.send_one, range(SUBMISSIONS)))
    finally:
        stop.set()
        assert kills.result(timeout=120) == KILLS  # the server really died on the way
        server.stop()

    with sqlite3.connect(tmp_path / "live.sqlite3") as db:
        # The entry register only: the demo's sample notification took an exit number.
        entry_registers = ("SELECT id FROM registry_register WHERE kind = 'entry'")
        entries = db.execute("SELECT sequence, submission_id FROM registry_entry "
                             f"WHERE register_id IN ({entry_registers})").fetchall()
        registered = db.execute("SELECT id, registry_entry_id FROM submissions_submission "
                                "WHERE status IN ('registered', 'handed_over')").fetchall()
        counter = db.execute("SELECT SUM(last_number) FROM registry_counter "
                             f"WHERE register_id IN ({entry_registers})").fetchone()[0]
    assert sorted(s for s, _ in entries) == list(range(1, len(entries) + 1))  # no gap
    assert counter == len(entries)  # no number consumed without its entry
    assert sorted(sid for _, sid in entries) == sorted(set(sent))  # each one, once
    assert {sid for sid, _ in registered} == set(sent)
    assert all(entry_id for _, entry_id in registered)
