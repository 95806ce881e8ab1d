"""The background worker: drains the outbox and runs periodic jobs until stopped.

Contexts plug in through :class:`Background` (kept in ``app.extensions``):
``consumers`` by outbox topic, and ``jobs`` run on every round (timers,
expiry of drafts and notifications in later contexts). A job failing is
logged and retried next round; it never stops the worker.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from eoffice.shared import outbox
from eoffice.shared.db import Database

log = logging.getLogger(__name__)

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
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
        self.stopping = threading.Event()

    def run_once(self) -> int:
        """One round: every job, then the due outbox messages. Returns work done."""
        done = 0
        for name, job in self.background.jobs.items():
            try:
                done += job(self.database)
            except Exception:
                log.exception("worker job %s failed; it runs again next round", name)
        done += outbox.deliver_due(
            self.database,
            self.background.consumers,
            worker_id=self.worker_id,
            max_attempts=self.max_attempts,
        )
        return done

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

    def stop(self) -> None:
        self.stopping.set()
