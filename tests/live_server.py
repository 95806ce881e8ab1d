"""A real eoffice server on loopback for tests that need one (browser journeys, crash
recovery): its own instance folder and SQLite file, set up as people do it
(`eoffice db upgrade`, `eoffice demo load`, `eoffice serve`)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

STARTUP_SECONDS = 60
# what a client sees of a server that is down or was killed mid-answer (IncompleteRead)
SERVER_DOWN = (urllib.error.URLError, ConnectionError, TimeoutError, OSError,
               http.client.HTTPException)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_env(instance: Path, *, database_file: str = "live.sqlite3",
               **extra: str) -> dict[str, str]:
    """The environment of a server on ``instance`` (settings in ``extra`` win)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("EOFFICE_")}
    env.update(
        EOFFICE_INSTANCE_PATH=str(instance),
        EOFFICE_DATABASE_URL=f"sqlite:///{instance / database_file}",
        EOFFICE_SECRET_KEY="live-secret-key-not-for-production",
        EOFFICE_SIGN_IN_RATE_LIMIT="1000 per minute",
        EOFFICE_DEV_PKI_PORT=str(free_port()),  # this instance's own TSA/OCSP/CRL
    )
    env.update(extra)
    return env


def eoffice_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "eoffice.cli", *args]


def prepare_instance(env: dict[str, str]) -> None:
    """Create the database and load the demo city, as `make run` does."""
    for command in (("db", "upgrade"), ("demo", "load")):
        done = subprocess.run(eoffice_command(*command), env=env, capture_output=True,
                              text=True, check=False, timeout=120)
        if done.returncode != 0:
            pytest.fail(f"eoffice {' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def run_eoffice(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(eoffice_command(*args), env=env, capture_output=True, text=True,
                          check=True, timeout=120)
    return done.stdout


class ProcessGroup:
    """A command started in its own process group (``start_new_session``), so that a test
    can kill all of it at once."""

    process: subprocess.Popen[bytes] | None = None

    def kill(self) -> None:
        """SIGKILL the whole group (a server's master and workers): no clean-up of any kind."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class LiveServer(ProcessGroup):
    """`eoffice serve` in its own process group, so a test can kill all of it at once."""

    def __init__(self, env: dict[str, str], log: Path, *, workers: int = 1,
                 threads: int = 4) -> None:
        self.env, self.log, self.workers, self.threads = env, log, workers, threads
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                eoffice_command("serve", "--host", "127.0.0.1", "--port", str(self.port),
                                "--workers", str(self.workers), "--threads", str(self.threads)),
                env=self.env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self._wait_until_answering()

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"eoffice serve exited with {self.process.returncode}:\n"
                            f"{self.log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{self.url}/", timeout=2) as response:
                    if response.status == 200:
                        return
            except SERVER_DOWN:
                pass
            time.sleep(0.1)
        pytest.fail(f"eoffice serve did not answer in {STARTUP_SECONDS} s")

