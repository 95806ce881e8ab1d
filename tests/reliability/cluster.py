"""The processes of a city under test, each killable on its own: the database (an SQLite
file, a fresh database on the suite's PostgreSQL server, or a private PostgreSQL cluster
whose postmaster may be SIGKILLed), `eoffice serve` under gunicorn and `eoffice worker`."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from tests.live_server import (
    LiveServer,
    ProcessGroup,
    eoffice_command,
    prepare_instance,
    run_eoffice,
    server_env,
)

ROOT = Path(__file__).resolve().parents[2]
PG_TOOL = ROOT / "tools" / "pg_test_server.sh"
PG_RESTART_SECONDS = 30


def suite_server_url() -> str:
    """The PostgreSQL URL the suite runs on, or "" when it runs on SQLite."""
    url = os.environ.get("EOFFICE_TEST_DATABASE_URL", "")
    return url if url.startswith("postgresql") else ""


def _admin(server_url: str, statement: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


class FreshDatabase:
    """A database of its own for one test: an SQLite file in ``folder``, or a new database
    on the suite's PostgreSQL server (dropped at the end)."""

    kind = "SQLite"
    killable = False

    def __init__(self, folder: Path) -> None:
        self.server = suite_server_url()
        self.name = ""
        if self.server:
            self.kind = "PostgreSQL"
            self.name = f"eoffice_reliability_{uuid.uuid4().hex[:8]}"
            _admin(self.server, f'CREATE DATABASE "{self.name}"')
            self.url = make_url(self.server).set(database=self.name).render_as_string(
                hide_password=False)
        else:
            self.url = f"sqlite:///{folder / 'city.sqlite3'}"

    def kill(self) -> None:
        raise NotImplementedError("only a private PostgreSQL cluster may be killed")

    def restart(self) -> None:
        raise NotImplementedError("only a private PostgreSQL cluster may be restarted")

    def close(self) -> None:
        if self.name:
            _admin(self.server, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class PrivateCluster(FreshDatabase):
    """A PostgreSQL cluster of this test alone (`tools/pg_test_server.sh`), so that
    SIGKILLing its postmaster never hurts the rest of the suite."""

    kind = "PostgreSQL"
    killable = True

    def __init__(self, folder: Path) -> None:
        # ``folder`` is under pytest's 0700 tmp root, out of reach of the postgres user.
        self.dir = Path(tempfile.mkdtemp(prefix="eoffice-kill-pg-"))
        self.server, self.name = "", ""
        done = subprocess.run(["bash", str(PG_TOOL), "start", str(self.dir)],
                              capture_output=True, text=True, check=False, timeout=120)
        if done.returncode != 0:
            pytest.fail(f"could not start a private PostgreSQL cluster:\n{done.stderr}")
        self.url = done.stdout.strip().splitlines()[-1]
        self.data = self.dir / "data"
        self.port = (self.dir / "port").read_text().strip()
        self.bin = Path(next(path for path in sorted(Path("/usr/lib/postgresql").glob(
            "*/bin/pg_ctl"), reverse=True)).parent)
        # The tool starts the cluster with synchronous_commit off (test data, no
        # durability): a commit it acknowledged may vanish when the postmaster is killed,
        # as a first run of the rounds showed (an acknowledged registration lost). Start
        # it again durable as production runs it; fsync stays off, since killing
        # processes keeps what they wrote in the operating system's cache.
        self._pg_ctl("stop", "--mode=fast")
        self.restart()

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().splitlines()[0])

    def kill(self) -> None:
        """SIGKILL the postmaster only: its backends notice and exit on their own."""
        os.kill(self.postmaster_pid(), signal.SIGKILL)

    def restart(self) -> None:
        """Start the cluster again (crash recovery replays the WAL); while orphaned
        backends still hold the shared memory the start is refused, so try again."""
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   f"-c unix_socket_directories={self.dir} -c fsync=off "
                   "-c synchronous_commit=on -c max_connections=50")
        deadline = time.monotonic() + PG_RESTART_SECONDS
        while True:
            done = self._pg_ctl("start", f"--log={self.dir / 'server.log'}", "-o", options)
            if done.returncode == 0:
                return
            if time.monotonic() > deadline:
                pytest.fail(f"PostgreSQL did not start again:\n{done.stderr}")
            time.sleep(0.2)

    def _pg_ctl(self, action: str, *options: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / "pg_ctl"), f"--pgdata={self.data}", "--wait", "--silent",
                   *options, action]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=PG_RESTART_SECONDS)

    def close(self) -> None:
        subprocess.run(["bash", str(PG_TOOL), "stop", str(self.dir)],
                       capture_output=True, check=False, timeout=120)
        shutil.rmtree(self.dir, ignore_errors=True)


class WorkerProcess(ProcessGroup):
    """`eoffice worker` in its own process group."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(eoffice_command("worker"), env=self.env,
                                            stdout=output, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def state(self) -> str:
        """"running" or how it ended."""
        assert self.process is not None
        code = self.process.poll()
        return "running" if code is None else f"exited with {code}"

    def stacks(self) -> list[str]:
        """Where each of its threads is now (`eoffice worker` prints them on SIGUSR1), to
        tell a worker that waits for ever from one that works; [] when it is not running."""
        if self.process is None or self.process.poll() is not None:
            return []
        before = self.log.stat().st_size
        self.process.send_signal(signal.SIGUSR1)
        time.sleep(2)
        with self.log.open("rb") as log:
            log.seek(before)
            return log.read().decode(errors="replace").splitlines()[-80:]


class PkiProcess:
    """The development PKI's TSA, OCSP and CRL as a process of their own, as a real
    timestamp authority is another machine: killing the server or the worker must not
    take the TSA with it (inside them it lives in whichever process started it first,
    and nobody starts it again when that process dies)."""

    def __init__(self, env: dict[str, str], instance: Path, log: Path) -> None:
        self.env, self.instance, self.log = env, instance, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        port = self.env["EOFFICE_DEV_PKI_PORT"]
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "eoffice.documents.pki", "--instance",
                 str(self.instance), "--port", port], env=self.env, stdout=output,
                stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            except urllib.error.HTTPError:
                return  # answering (404 at the root)
            except OSError:
                time.sleep(0.2)
                continue
            return
        pytest.fail("the development PKI services did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class City:
    """An instance of eoffice with the demo city loaded, its server and its worker."""

    folder: Path
    database: FreshDatabase
    env: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    server: LiveServer | None = None
    worker: WorkerProcess | None = None
    pki: PkiProcess | None = None
    engine: Engine | None = None

    def prepare(self, logins: tuple[str, ...], *, workers: int, threads: int) -> None:
        self.env = server_env(self.folder, EOFFICE_DATABASE_URL=self.database.url,
                              EOFFICE_WORKER_POLL_SECONDS="0.5")
        prepare_instance(self.env)
        for login in logins:
            self.tokens[login] = run_eoffice(self.env, "tokens", "create", "--user",
                                             login).strip().split()[-1]
        self.server = LiveServer(self.env, self.folder / "server.log", workers=workers,
                                 threads=threads)
        self.worker = WorkerProcess(self.env, self.folder / "worker.log")
        self.pki = PkiProcess(self.env, self.folder, self.folder / "pki.log")
        self.engine = create_engine(self.database.url, pool_pre_ping=True)

    def start(self) -> None:
        assert self.server is not None and self.worker is not None
        assert self.pki is not None
        self.pki.start()
        self.server.start()
        self.worker.start()

    def audit_verify(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(eoffice_command("audit", "verify"), env=self.env,
                              capture_output=True, text=True, check=False, timeout=300)

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
        if self.worker is not None:
            self.worker.stop()
        if self.pki is not None:
            self.pki.stop()
        if self.engine is not None:
            self.engine.dispose()
        self.database.close()
