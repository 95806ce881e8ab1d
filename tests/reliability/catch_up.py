"""Whether the worker has caught up after load or kills, and, when it has not, why: the
outbox work still due or waiting, by topic, with the last error of each kind, and the
errors the worker logged. A run that fails on a machine we cannot log in to must say in
its own output what was stuck."""

from __future__ import annotations

import socket
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from eoffice.shared.worker import process_runs

if TYPE_CHECKING:
    from tests.reliability.ledger import Ledger

STALLED_SECONDS = 60  # no delivery for this long: the worker will not catch up by waiting


def pid_alive(locked_by: str) -> bool:
    """Whether the worker named ``host:pid:thread:token`` still runs (one of another host
    is taken as running)."""
    host, _, rest = locked_by.partition(":")
    pid = rest.split(":")[0]
    return host != socket.gethostname() or not pid.isdigit() or process_runs(int(pid))


def outbox_backlog(engine: Engine) -> dict[str, int]:
    """Pending outbox messages: due and free (the worker should take them), leased to a
    live worker, leased to a worker that is dead (waiting for its lease), or waiting for
    their next attempt after a failure (``retrying``)."""
    now = datetime.now(UTC)
    query = select(OutboxMessage.locked_by, OutboxMessage.locked_until,
                   OutboxMessage.available_at).where(
        OutboxMessage.status == OutboxStatus.PENDING)
    with engine.connect() as connection:
        rows = list(connection.execute(query))
    backlog = Counter[str]()
    for locked_by, locked_until, available_at in rows:
        if locked_by is not None and locked_until is not None and locked_until >= now:
            backlog["leased" if pid_alive(locked_by) else "leased_by_dead_worker"] += 1
        elif available_at > now:
            backlog["retrying"] += 1
        else:
            backlog["free"] += 1
    return dict(backlog)


def missing_instances(engine: Engine, ledger: Ledger) -> list[str]:
    """The file numbers of acknowledged submissions whose process has not started."""
    with engine.connect() as connection:
        started = {row[0] for row in connection.execute(text(
            "SELECT f.number FROM files_file f JOIN processing_instance i "
            "ON i.subject_kind = 'file' AND i.subject_id = f.id"))}
    return [ack.file_number for ack in ledger.acks if ack.file_number not in started]


def _delivered(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.status == OutboxStatus.DONE)).scalar_one())


def wait_for_catch_up(engine: Engine, ledger: Ledger, *, seconds: float) -> tuple[float, bool]:
    """Wait until no outbox work is due, leased or retrying and every acknowledged
    submission has its process instance. Waits at most ``seconds``, and gives up sooner
    when nothing was delivered for ``STALLED_SECONDS`` (a backlog a busy machine built up
    drains as long as deliveries go on). Returns (seconds waited, caught up)."""
    started = last_progress = time.monotonic()
    delivered = _delivered(engine)
    while True:
        backlog = outbox_backlog(engine)
        if not {"free", "leased", "retrying"} & set(backlog) \
                and not missing_instances(engine, ledger):
            return time.monotonic() - started, True
        now = time.monotonic()
        if now - started > seconds or now - last_progress > STALLED_SECONDS:
            return now - started, False
        time.sleep(0.5)
        if (count := _delivered(engine)) != delivered:
            delivered, last_progress = count, time.monotonic()


def pending_summary(engine: Engine) -> list[str]:
    """One line per (topic, status, retried or not) of the messages not done, with how
    many and the last error of the newest of them."""
    query = select(OutboxMessage.topic, OutboxMessage.status, OutboxMessage.attempts,
                   OutboxMessage.last_error).where(OutboxMessage.status != OutboxStatus.DONE)
    counts = Counter[tuple[str, str, bool]]()
    last_error: dict[tuple[str, str, bool], str] = {}
    with engine.connect() as connection:
        for topic, status, attempts, error in connection.execute(
                query.order_by(OutboxMessage.id)):
            kind = (topic, status, attempts > 0)
            counts[kind] += 1
            last_error[kind] = error or "-"
    return [f"outbox {topic} {status}{' retried' if retried else ''}: {count} (newest's "
            f"last error: {last_error[topic, status, retried][:300]})"
            for (topic, status, retried), count in sorted(counts.items())]


def logged_errors(log: Path, *, keep: int = 8) -> list[str]:
    """The last ``keep`` distinct error lines of a process log: exceptions, and the
    deliveries the worker reports as failed."""
    if not log.exists():
        return []
    found: dict[str, Any] = {}
    for line in log.read_text(errors="replace").splitlines():
        if any(word in line for word in ("Error", "Exception", "outbox message")):
            found.pop(line.strip(), None)
            found[line.strip()] = None
    return [f"{log.name}: {line[:300]}" for line in list(found)[-keep:]]
