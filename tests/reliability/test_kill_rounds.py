"""Fifty seeded rounds of SIGKILL while citizens keep submitting and clerks completing:
each round kills one victim chosen by the seed (the whole `eoffice serve` process group,
`eoffice worker`, or PostgreSQL's postmaster when the suite runs on PostgreSQL, then on a
private cluster) at a random moment, starts it again and waits until work resumes (a
submission acknowledged and an outbox message delivered after the restart). At the end nothing
acknowledged is lost, nothing is registered twice, the registers have no gap and no
number without its entry, no half state remains and no due outbox work is left behind.

    EOFFICE_KILL_SEED=<n>    replay a run (the seed is printed)
    EOFFICE_KILL_ROUNDS=<n>  fewer or more rounds (default 50)
"""

from __future__ import annotations

import itertools
import os
import random
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.reliability.catch_up import logged_errors, outbox_backlog, wait_for_catch_up
from tests.reliability.cluster import City, FreshDatabase, PrivateCluster, suite_server_url
from tests.reliability.ledger import (
    Api,
    Citizen,
    Clerk,
    Ledger,
    check_invariants,
    delivered_since,
    instance_ids,
)

DEFAULT_SEED = 20261204
ROUNDS = int(os.environ.get("EOFFICE_KILL_ROUNDS", "50"))
CITIZENS = 4
CLERKS = 2
RESUME_SECONDS = 30  # the promise: work resumes within 30 s of the restart
CATCH_UP_SECONDS = 600  # at most; sooner when the worker stops delivering
PATIENCE = 120  # a client keeps retrying one request through several rounds


@dataclass(frozen=True)
class Round:
    number: int
    victim: str
    delay: float
    restart: float  # seconds from the kill until the victim answered again
    resumed: float | None  # seconds from then until work went through end to end

    def line(self) -> str:
        resumed = "NOT within 30 s" if self.resumed is None else f"{self.resumed:.1f} s"
        return (f"round {self.number:2}: killed {self.victim:<8} after {self.delay:.2f} s; "
                f"back in {self.restart:.1f} s; work resumed in {resumed}")


def kill_and_restart(city: City, victim: str) -> None:
    assert city.server is not None and city.worker is not None
    if victim == "server":
        city.server.kill()
        city.server.start()
    elif victim == "worker":
        city.worker.kill()
        city.worker.start()
    else:
        city.database.kill()
        city.database.restart()


def work_resumed(city: City, ledger: Ledger, since: float) -> float | None:
    """Seconds until work went through again after ``since``: a submission acknowledged
    (the server and the database) and an outbox message delivered (the worker and the
    database), or None after 30 s. Whether the worker then caught up with everything
    queued meanwhile is checked at the end."""
    assert city.engine is not None
    moment = datetime.fromtimestamp(since, UTC)
    while time.time() - since < RESUME_SECONDS:
        try:
            if ledger.first_ack_after(since) and delivered_since(city.engine, moment):
                return time.time() - since
        except Exception:  # the database may still be recovering
            pass
        time.sleep(0.2)
    return None


def run_rounds(city: City, ledger: Ledger, chance: random.Random,
               say: Callable[[str], None]) -> list[Round]:
    victims = ["server", "worker"] + (["postgres"] if city.database.killable else [])
    rounds = []
    for number in range(1, ROUNDS + 1):
        victim, delay = chance.choice(victims), chance.uniform(0.2, 2.0)
        time.sleep(delay)
        killed = time.time()
        kill_and_restart(city, victim)
        back = time.time()
        done = Round(number, victim, delay, back - killed, work_resumed(city, ledger, back))
        say(done.line())
        rounds.append(done)
    return rounds


@pytest.mark.reliability
@pytest.mark.timeout(2400)
def test_fifty_seeded_sigkills_lose_nothing_and_leave_no_half_state(
    tmp_path: Path, reliability_report: Callable[[str], None],
) -> None:
    seed = int(os.environ.get("EOFFICE_KILL_SEED", str(DEFAULT_SEED)))
    say = reliability_report
    database = PrivateCluster(tmp_path) if suite_server_url() else FreshDatabase(tmp_path)
    say(f"SIGKILL rounds on {database.kind}: seed {seed} (EOFFICE_KILL_SEED={seed} replays "
        f"it), {ROUNDS} rounds, {CITIZENS} citizens, {CLERKS} clerks")
    city = City(tmp_path, database)
    ledger, stop = Ledger(), threading.Event()
    try:
        city.prepare(("ana", "bernat", "clerk"), workers=2, threads=4)
        city.start()
        assert city.server and city.worker and city.engine is not None
        wait_for_catch_up(city.engine, ledger, seconds=CATCH_UP_SECONDS)  # the demo's work
        run, numbers, older = uuid.uuid4().hex[:8], itertools.count(), instance_ids(city.engine)
        people: list[Callable[[], None]] = [
            Citizen(Api(city.server.url, city.tokens[("ana", "bernat")[n % 2]], ledger,
                        patience=PATIENCE), run=run, numbers=numbers, quota=10**6, stop=stop)
            for n in range(CITIZENS)]
        people += [Clerk(Api(city.server.url, city.tokens["clerk"], ledger, patience=PATIENCE),
                         "clerk", share=(n, CLERKS), older=older, stop=stop)
                   for n in range(CLERKS)]
        with ThreadPoolExecutor(max_workers=len(people)) as pool:
            running = [pool.submit(person) for person in people]
            try:
                rounds = run_rounds(city, ledger, random.Random(seed), say)
            finally:
                stop.set()
                for future in running:
                    future.result()
        behind, worker = outbox_backlog(city.engine), city.worker.state()
        waited, caught_up = wait_for_catch_up(city.engine, ledger, seconds=CATCH_UP_SECONDS)
        stacks = [] if caught_up else city.worker.stacks()
        found = check_invariants(city.engine, ledger)
        stale = outbox_backlog(city.engine).get("leased_by_dead_worker", 0)
        audit = city.audit_verify()
    finally:
        stop.set()
        city.close()
    say(f"after {ROUNDS} rounds (seed {seed}): worker {worker}; outbox {behind or 'empty'}; "
        f"{'caught up' if caught_up else 'NOT caught up'} in {waited:.1f} s; kills: "
        + ", ".join(f"{victim} {sum(r.victim == victim for r in rounds)}"
                    for victim in ("server", "worker", "postgres")))
    say(f"client retries (server down or failing): {dict(ledger.retries) or 0}; client "
        f"errors: {len(ledger.errors)} {ledger.errors[:3]}")
    for line in found.lines():
        say(line)
    say(f"outbox messages still leased by killed workers: {stale}")
    for line in [] if caught_up else logged_errors(city.folder / "worker.log") + stacks:
        say(line)
    say(f"eoffice audit verify: exit {audit.returncode} {audit.stdout.strip()[-200:]}")
    assert [r.number for r in rounds if r.resumed is None] == []
    assert ledger.errors == []
    assert len(ledger.acks) >= ROUNDS // 2  # clients got through between the kills
    assert (found.lost, found.duplicates, found.gaps) == (0, 0, 0), found.problems
    assert (found.half_states, found.instances_in_error) == (0, 0), found.problems
    assert found.tasks_not_completed == 0, found.problems
    assert not {"free", "failed"} & set(found.outbox), found.outbox
    assert stale == 0  # a killed worker's leases were taken over, not left to expire
    assert audit.returncode == 0, audit.stdout + audit.stderr
