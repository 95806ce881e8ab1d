"""The background worker: drains the outbox and runs periodic jobs until stopped.

Contexts plug in through :class:`Background` (kept in ``app.extensions``):
``consumers`` by outbox topic, and ``jobs`` run on every round (timers,
expiry of drafts and notifications in later contexts). A job failing is
logged and retried next round; it never stops the worker. Topics whose outside system
failed are probed every ``outbox.PROBE_INTERVAL`` (see :mod:`eoffice.shared.outbox`).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database

log = logging.getLogger(__name__)
ABANDONED_CHECK = timedelta(seconds=30)
_WORKERS_HERE: set[str] = set()  # ids of the workers created in this process

Job = Callable[[Database], int]


@dataclass
class Background:
    """What the worker runs: outbox consumers by topic and periodic jobs by name."""

    consumers: dict[str, outbox.Consumer] = field(default_factory=dict)
    jobs: dict[str, Job] = field(default_factory=dict)

    def consumer(self, topic: str) -> Callable[[outbox.Consumer], outbox.Consumer]:
        """Decorator registering the consumer of ``topic``."""

        def register(function: outbox.Consumer) -> outbox.Consumer:
            if topic in self.consumers:
                raise ValueError(f"outbox topic {topic!r} already has a consumer")
            self.consumers[topic] = function
            return function

        return register


class Worker:
    """One worker process or thread."""

    def __init__(
        self,
        database: Database,
        background: Background,
        *,
        max_attempts: int,
        poll_seconds: float,
    ) -> None:
        self.database = database
        self.background = background
        self.max_attempts = max_attempts
        self.poll_seconds = poll_seconds
        # host:pid:thread:token: a restarted worker may get its predecessor's pid (and
        # thread ident) in a container; the token tells them apart.
        self.worker_id = (f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:"
                          f"{uuid.uuid4().hex[:8]}")
        _WORKERS_HERE.add(self.worker_id)
        self.stopping = threading.Event()
        self.checked: datetime | None = None  # when abandoned leases were last looked for
        self.started = utcnow()
        # topic -> when a delivery of it last failed or was probed
        self.tried: dict[str, datetime] = {}

    def run_once(self) -> int:
        """One round: every job, then the due outbox messages. Returns work done."""
        done = 0
        self._free_abandoned_leases()
        for name, job in self.background.jobs.items():
            try:
                done += job(self.database)
            except Exception:
                log.exception("worker job %s failed; it runs again next round", name)
        deliveries = outbox.claim_due(self.database, worker_id=self.worker_id)
        probes = outbox.claim_probes(self.database, worker_id=self.worker_id,
                                     topics=self._probe_due)
        now = utcnow()
        self.tried.update((probe.topic, now) for probe in probes)
        return done + outbox.deliver(self.database, self.background.consumers,
                                     deliveries + probes, max_attempts=self.max_attempts,
                                     on_failure=self._note_failure)

    def _note_failure(self, delivery: outbox.Delivery) -> None:
        self.tried[delivery.topic] = utcnow()

    def _probe_due(self, topic: str) -> bool:
        """Whether no delivery of ``topic`` failed, and none was probed, for a probe
        interval. Fresh messages of the topic going through do not count: they prove the
        system is back, so the ones waiting for their backoff should be probed now."""
        return utcnow() - self.tried.get(topic, self.started) >= outbox.PROBE_INTERVAL

    def run_forever(self) -> None:
        """Rounds until :meth:`stop`; sleeps only when a round found nothing to do."""
        log.info("worker %s started", self.worker_id)
        while not self.stopping.is_set():
            try:
                done = self.run_once()
            except Exception:
                log.exception("worker round failed; retrying")
                done = 0
            if not done:
                self.stopping.wait(self.poll_seconds)
        log.info("worker %s stopped", self.worker_id)

    def _free_abandoned_leases(self) -> None:
        """At start and every ``ABANDONED_CHECK``: take back the messages leased by
        workers of this host that were killed (a restarted worker may have the same pid
        as the one it replaces, in a container: that lease is abandoned too)."""
        now = utcnow()
        if self.checked is not None and now - self.checked < ABANDONED_CHECK:
            return
        freed = outbox.release_abandoned_leases(
            self.database, host=socket.gethostname(),
            is_running=_worker_runs)
        self.checked = now
        if freed:
            log.warning("worker %s took back %d messages leased by killed workers",
                        self.worker_id, freed)

    def stop(self) -> None:
        self.stopping.set()


def _worker_runs(pid: int, worker_id: str) -> bool:
    """A worker of this process runs while its object exists (a lease of this pid under
    another id is a predecessor's); a worker of another process runs while that does."""
    if pid == os.getpid():
        return worker_id in _WORKERS_HERE
    return process_runs(pid)


def process_runs(pid: int) -> bool:
    """Whether process ``pid`` of this host still runs (another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
