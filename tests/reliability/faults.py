"""Faults the reliability tests inject, each as real as this machine allows: a small tmpfs
filled to the last byte as the blob store, a loopback port nothing listens on (the SMTP
relay, the timestamp authority or the search cluster gone); and a worker driven through
minutes of the application's clock. (The SMTP sink that refuses every message is
``tests.smtp_sink``.)

The worker is one :class:`~eoffice.shared.worker.Worker` kept for the whole outage, as
``eoffice worker`` keeps it, and runs a round every ``step`` of the frozen clock."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import files
from eoffice.documents.blobs.filesystem import FileBlobStore
from eoffice.documents.runtime import EXTENSION as DOCUMENTS_RUNTIME
from eoffice.documents.runtime import DocumentsRuntime
from eoffice.processing.operators import CATALOGUE, RunContext
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from eoffice.shared.worker import Background, Worker
from tests.live_server import free_port

#: How soon the queued work must be done once the outside system is back.
RESUME_WITHIN = timedelta(seconds=30)


# --- a full disk -------------------------------------------------------------------


@dataclass
class SmallDisk:
    """A tmpfs of ``size`` bytes mounted at ``root``; :meth:`fill` takes every free byte
    (the disk is full: writes fail with ENOSPC), :meth:`free` gives them back."""

    root: Path
    filler: Path = field(init=False)

    def __post_init__(self) -> None:
        self.filler = self.root / "filler"

    def fill(self) -> None:
        handle = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for block in (b"\0" * 65536, b"\0"):  # then the last bytes of a page
                try:
                    while os.write(handle, block):
                        pass
                except OSError as full:
                    assert full.errno == errno.ENOSPC, full
        finally:
            os.close(handle)
        assert shutil.disk_usage(self.root).free == 0

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def blobs(self) -> set[str]:
        """The addresses of the blobs on this disk."""
        return {path.name for path in self.root.glob("??/??/*") if path.is_file()}

    def leftovers(self) -> list[Path]:
        """Temporary files a write left behind (none may remain)."""
        return [path for path in (self.root / "incoming").glob("*") if path.is_file()]


@contextmanager
def small_disk(folder: Path, *, size: str = "2m") -> Iterator[SmallDisk]:
    """Mount a tmpfs of ``size`` at ``folder`` (root only; skipped elsewhere with the
    reason), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("a full disk needs a tmpfs mounted by root (CI runs as root)")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755",
                              "tmpfs", str(folder)], capture_output=True, text=True,
                             check=False)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs was refused here: {mounted.stderr.strip()}")
    try:
        yield SmallDisk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


@contextmanager
def documents_runtime(app: Flask, **changes: Any) -> Iterator[DocumentsRuntime]:
    """The application's documents runtime with ``changes`` (another blob store, a TSA
    that does not answer...) for the block."""
    previous: DocumentsRuntime = app.extensions[DOCUMENTS_RUNTIME]
    changed = replace(previous, **changes)
    app.extensions[DOCUMENTS_RUNTIME] = changed
    try:
        yield changed
    finally:
        app.extensions[DOCUMENTS_RUNTIME] = previous


def store_on(disk: SmallDisk) -> FileBlobStore:
    return FileBlobStore(disk.root)


# --- outside systems that do not answer ----------------------------------------------


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    return free_port()


# --- the worker through minutes of the application's clock -------------------------


@dataclass
class WorkerClock:
    """One worker kept through an outage, run a round every ``step`` of the frozen
    clock from ``now``."""

    app: Flask
    now: datetime
    step: timedelta = timedelta(seconds=5)
    worker: Worker = field(init=False)

    def __post_init__(self) -> None:
        background: Background = self.app.extensions["eoffice.background"]
        with frozen_at(self.now):
            self.worker = Worker(self.app.extensions["eoffice.database"], background,
                                 max_attempts=20, poll_seconds=0.01)

    def round(self) -> int:
        with frozen_at(self.now), self.app.app_context():
            return self.worker.run_once()

    def run_for(self, duration: timedelta) -> None:
        """Rounds every ``step`` for ``duration`` of the application's clock."""
        end = self.now + duration
        while self.now < end:
            self.round()
            self.now += self.step

    def run_until(self, done: Callable[[], bool], *, within: timedelta) -> timedelta:
        """Rounds every ``step`` until ``done()``; how long it took on the clock (fails
        the test past ``within``)."""
        start = self.now
        while True:
            self.round()
            if done():
                return self.now - start
            self.now += self.step
            if self.now - start > within:
                pytest.fail(f"the work was not done within {within} of the clock")


def moment(clock: WorkerClock) -> Any:
    """``frozen_at`` the clock's current moment (for requests made during the outage)."""
    return frozen_at(clock.now)


# --- what the database holds ---------------------------------------------------------


def pending(db: Session, topic: str) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.topic == topic,
        OutboxMessage.status == OutboxStatus.PENDING)) or 0)


def failed(db: Session) -> list[str]:
    db.expire_all()
    return [f"{m.topic}: {m.last_error}" for m in db.scalars(select(OutboxMessage).where(
        OutboxMessage.status == OutboxStatus.FAILED))]


def unique_name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


# --- a notification with an e-mail alert ---------------------------------------------

ANA = {"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
       "role": "interested"}


def notify_ana(app: Flask, db: Session, subject: str) -> str:
    """A resolution of a new file of URB notified to ana, who wants e-mail alerts (the
    alert waits in the outbox); the notification's id."""
    opened = files.open_file(db, files.NewFile(unit_code="URB", subject=subject,
                                               parties=[ANA]), actor="registrar")
    context = RunContext(session=db, instance_id="test", subject_kind="file",
                         subject_id=opened.id, unit_code="URB", actor="clerk")
    with app.app_context():
        document = CATALOGUE.operators["render_document"].run(context, {
            "template": "resolution", "values": {"text": f"{subject}: granted."}})
        done = CATALOGUE.operators["notify_party"].run(context, {
            "document": document["document"], "subject": f"Resolution: {subject}"})
    db.flush()
    notification_id: str = done["notifications"][0]
    return notification_id
