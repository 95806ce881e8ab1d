"""Load: 32 citizens submit general applications through the API of `eoffice serve`
(gunicorn, 2 workers) while clerks complete the tasks the submissions create and
`eoffice worker` runs. Afterwards nothing the server acknowledged is lost, no submission
is registered twice, the registers have no gap, every registered submission has its file
and one process instance, and the audit chain verifies. Runs on the suite's database."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import bindparam, text

from tests.reliability.catch_up import wait_for_catch_up
from tests.reliability.cluster import City, FreshDatabase
from tests.reliability.ledger import (
    MODEL,
    TASK_DATA,
    Api,
    Citizen,
    Clerk,
    Ledger,
    check_invariants,
    instance_ids,
    latency_line,
)

CITIZENS = 32
CITIZEN_LOGINS = ("ana", "bernat")
CLERKS = 4
SUBMISSIONS = 120
SUBMITTING_SECONDS = 120  # bound: stop sending after this, whatever was sent
TASKS_SECONDS = 60  # the clerks' time to finish the tasks once the citizens are done
CATCH_UP_SECONDS = 300  # at most; sooner when the worker stops delivering
PATIENCE = 60  # a client's retries of one request when the server is slow or down
OPEN_TASKS = text("SELECT t.instance_id FROM processing_task t JOIN processing_instance i "
                  "ON i.id = t.instance_id WHERE t.state = 'open' AND i.model_key = :model "
                  "AND t.spec_id IN :specs").bindparams(bindparam("specs", expanding=True))


def open_tasks(city: City, older: frozenset[str]) -> int:
    """Open tasks of the clerks' kind in the processes the citizens' submissions started."""
    assert city.engine is not None
    with city.engine.connect() as connection:
        rows = connection.execute(OPEN_TASKS, {"model": MODEL, "specs": list(TASK_DATA)})
        return sum(1 for (instance,) in rows if instance not in older)


def run_clerks_and_citizens(city: City, ledger: Ledger,
                            older: frozenset[str]) -> tuple[float, int]:
    """The citizens' sending time and the tasks still open when the clerks stopped."""
    assert city.server is not None
    url, run = city.server.url, uuid.uuid4().hex[:8]
    numbers, citizens_done, clerks_stop = itertools.count(), threading.Event(), threading.Event()
    citizens = [Citizen(Api(url, city.tokens[CITIZEN_LOGINS[n % 2]], ledger,
                            patience=PATIENCE), run=run, numbers=numbers,
                        quota=SUBMISSIONS, stop=citizens_done) for n in range(CITIZENS)]
    clerks = [Clerk(Api(url, city.tokens["clerk"], ledger, patience=PATIENCE), "clerk",
                    share=(n, CLERKS), older=older, stop=clerks_stop) for n in range(CLERKS)]
    with ThreadPoolExecutor(max_workers=CITIZENS + CLERKS) as pool:
        clerk_runs = [pool.submit(clerk) for clerk in clerks]
        started = time.monotonic()
        sending = [pool.submit(citizen) for citizen in citizens]
        timer = threading.Timer(SUBMITTING_SECONDS, citizens_done.set)
        timer.start()
        for future in sending:
            future.result()
        elapsed = time.monotonic() - started
        timer.cancel()
        deadline = time.monotonic() + TASKS_SECONDS
        while time.monotonic() < deadline and (open_tasks(city, older) or not ledger.completed):
            time.sleep(1)
        clerks_stop.set()
        for future in clerk_runs:
            future.result()
    return elapsed, open_tasks(city, older)


@pytest.mark.reliability
@pytest.mark.timeout(900)
def test_thirty_two_citizens_and_the_clerks_under_load_lose_nothing_and_leave_no_gap(
    tmp_path: Path, reliability_report: Callable[[str], None],
) -> None:
    city = City(tmp_path, FreshDatabase(tmp_path))
    try:
        city.prepare((*CITIZEN_LOGINS, "clerk"), workers=2, threads=8)
        city.start()
        ledger = Ledger()
        assert city.engine is not None
        wait_for_catch_up(city.engine, ledger, seconds=CATCH_UP_SECONDS)  # the demo's work
        older = instance_ids(city.engine)  # the demo's processes: not the clerks' business
        warm_up = Citizen(Api(city.server.url if city.server else "", city.tokens["ana"],
                              ledger, patience=PATIENCE), run="warm-up",
                          numbers=itertools.count(), quota=2, stop=threading.Event())
        warm_up()  # the first submission of each gunicorn worker loads fonts and keys
        warmed = len(ledger.acks)
        elapsed, still_open = run_clerks_and_citizens(city, ledger, older)
        assert city.engine is not None
        waited, caught_up = wait_for_catch_up(city.engine, ledger, seconds=CATCH_UP_SECONDS)
        found = check_invariants(city.engine, ledger)
        audit = city.audit_verify()
    finally:
        city.close()
    timed = Ledger(acks=ledger.acks[warmed:])
    say = reliability_report
    say(f"load test on {city.database.kind}: {CITIZENS} citizens, {CLERKS} clerks, "
        f"gunicorn 2 workers x 8 threads, one `eoffice worker`")
    say(latency_line(timed, elapsed) + f" (+{warmed} warm-up submissions)")
    say(f"clerk tasks completed: {len(ledger.completed)}; left open when the clerks "
        f"stopped: {still_open}; worker {'caught up' if caught_up else 'NOT caught up'} in "
        f"{waited:.1f} s")
    say(f"client retries (server busy or down): {dict(ledger.retries) or 0}; client "
        f"errors: {len(ledger.errors)}")
    for line in found.lines():
        say(line)
    say(f"eoffice audit verify: exit {audit.returncode} {audit.stdout.strip()[-200:]}")
    assert ledger.errors == []
    assert len(ledger.acks) >= CITIZENS  # (how many fit in the time bound is for bench/)
    assert (found.lost, found.duplicates, found.gaps) == (0, 0, 0), found.problems
    assert (found.half_states, found.instances_in_error) == (0, 0), found.problems
    assert found.tasks_completed > 0
    assert found.tasks_not_completed == 0, found.problems
    assert not {"free", "failed", "leased_by_dead_worker"} & set(found.outbox), found.outbox
    assert audit.returncode == 0, audit.stdout + audit.stderr
