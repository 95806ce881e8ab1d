"""Citizens and clerks driving a live eoffice through its API, a ledger of what the server
acknowledged to them, and the invariants read back from the database afterwards: every
acknowledged submission registered once, registry numbers unique and gap-free, each
registered submission with its file and one process instance, completed tasks completed,
the outbox drained."""

from __future__ import annotations

import itertools
import json
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from tests.live_server import SERVER_DOWN
from tests.reliability.catch_up import outbox_backlog, pending_summary

ANSWERS = {"subject": "Broken bench", "request": "The bench in Plaça Major is broken."}
MODEL = "general_application"
# what a clerk enters to complete each user task of the general application
TASK_DATA: dict[str, dict[str, Any]] = {
    "Task_review_application": {},
    "Task_draft_resolution": {"decision": "granted",
                              "resolution_text": "Granted: the bench will be repaired."},
}
HTTP_TIMEOUT = 30


class Refused(Exception):
    """The server answered 4xx: a client error, never retried."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"{status} {body[:300]}")
        self.status = status


@dataclass(frozen=True)
class Ack:
    """A submission the server acknowledged as registered, as the citizen saw it."""

    key: str
    submission_id: str
    registry_number: str
    file_number: str
    at: float  # time.time() when the answer arrived
    seconds: float  # the whole submission: draft, answers, submit (with retries)


@dataclass
class Ledger:
    """What the clients were told, shared by their threads."""

    acks: list[Ack] = field(default_factory=list)
    completed: dict[str, str] = field(default_factory=dict)  # task id -> clerk login
    errors: list[str] = field(default_factory=list)
    retries: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def acknowledged(self, ack: Ack) -> None:
        with self.lock:
            self.acks.append(ack)

    def first_ack_after(self, moment: float) -> Ack | None:
        with self.lock:
            return next((ack for ack in self.acks if ack.at > moment), None)


class Api:
    """One user's HTTP client: retries while the server is down or answers 5xx."""

    def __init__(self, url: str, token: str, ledger: Ledger, *, patience: float) -> None:
        self.url, self.token, self.ledger, self.patience = url, token, ledger, patience

    def call(self, method: str, path: str, body: dict[str, Any] | None = None,
             key: str | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        if key:
            headers["Idempotency-Key"] = key
        data = None if body is None else json.dumps(body).encode()
        deadline = time.monotonic() + self.patience
        while True:
            request = urllib.request.Request(self.url + path, method=method, data=data,
                                             headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
                    answer: dict[str, Any] = json.load(response)
                    return answer
            except urllib.error.HTTPError as refused:
                if refused.code < 500:
                    raise Refused(refused.code, refused.read().decode(errors="replace")) from None
                self.ledger.retries[f"{refused.code}"] += 1
            except SERVER_DOWN as down:
                self.ledger.retries[type(down).__name__] += 1
            if time.monotonic() > deadline:
                raise AssertionError(f"{method} {path}: no answer in {self.patience} s")
            time.sleep(0.2)


class Citizen:
    """Sends general applications until ``quota`` submissions are numbered or ``stop``."""

    def __init__(self, api: Api, *, run: str, numbers: itertools.count[int], quota: int,
                 stop: threading.Event) -> None:
        self.api, self.run, self.numbers, self.quota, self.stop = api, run, numbers, quota, stop

    def send(self, number: int) -> Ack:
        started = time.monotonic()
        draft = self.api.call("POST", "/api/v1/submissions",
                              {"procedure": "general-application", "case": "standard"})
        path = f"/api/v1/submissions/{draft['id']}"
        self.api.call("PATCH", path, {"answers": {**ANSWERS, "subject": f"Bench {number}"}})
        key = f"{self.run}-{number}"
        sent = self.api.call("POST", f"{path}/submit", {}, key=key)
        if sent["status"] != "registered" or sent["id"] != draft["id"]:
            raise AssertionError(f"submission {key}: unexpected answer {sent}")
        return Ack(key, sent["id"], sent["registry_entry"]["number"], sent["file"]["number"],
                   time.time(), time.monotonic() - started)

    def __call__(self) -> None:
        while not self.stop.is_set():
            number = next(self.numbers)
            if number >= self.quota:
                return
            try:
                self.api.ledger.acknowledged(self.send(number))
            except (AssertionError, Refused) as failure:
                with self.api.ledger.lock:
                    self.api.ledger.errors.append(f"citizen {number}: {failure}")


class Clerk:
    """Claims and completes the open tasks of the general application given to it
    (task ids split between clerks by ``share``) until ``stop``; the instances in
    ``older`` (the demo city's, some with closed files) are not its business."""

    def __init__(self, api: Api, login: str, *, share: tuple[int, int],
                 older: frozenset[str], stop: threading.Event) -> None:
        self.api, self.login, self.share, self.stop = api, login, share, stop
        self.older = older

    def mine(self, task: dict[str, Any]) -> bool:
        index, clerks = self.share
        return (task["process"]["model"] == MODEL and task["task"] in TASK_DATA
                and task["process"]["instance"] not in self.older
                and int(task["id"].replace("-", ""), 16) % clerks == index)

    def complete(self, task: dict[str, Any]) -> None:
        try:
            if task["claimed_by"] is None:
                self.api.call("POST", f"/api/v1/tasks/{task['id']}/claim", {})
            done = self.api.call("POST", f"/api/v1/tasks/{task['id']}/complete", {
                "data": TASK_DATA[task["task"]],
                "instance_version": task["process"]["instance_version"]})
        except Refused as refused:
            if refused.status != 409:  # 409: taken, done or changed meanwhile
                with self.api.ledger.lock:
                    self.api.ledger.errors.append(f"clerk, task {task['task']}: {refused}")
            return
        if done["state"] == "completed":
            with self.api.ledger.lock:
                self.api.ledger.completed[task["id"]] = self.login

    def __call__(self) -> None:
        while not self.stop.is_set():
            try:
                page = self.api.call("GET", "/api/v1/tasks?page_size=50")
                tasks = [task for task in page["items"] if self.mine(task)]
                for task in tasks:
                    if self.stop.is_set():
                        return
                    self.complete(task)
            except (AssertionError, Refused) as failure:
                with self.api.ledger.lock:
                    self.api.ledger.errors.append(f"clerk {self.login}: {failure}")
                return
            if not tasks:
                self.stop.wait(0.5)


def _rows(engine: Engine, query: str, **params: Any) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(text(query), params))


def instance_ids(engine: Engine) -> frozenset[str]:
    return frozenset(row[0] for row in _rows(engine, "SELECT id FROM processing_instance"))


def delivered_since(engine: Engine, moment: datetime) -> bool:
    """Whether the worker delivered an outbox message after ``moment``."""
    query = select(OutboxMessage.id).where(OutboxMessage.status == OutboxStatus.DONE,
                                           OutboxMessage.processed_at > moment).limit(1)
    with engine.connect() as connection:
        return connection.execute(query).first() is not None


def gaps_in_registers(engine: Engine) -> tuple[int, int, list[str]]:
    """(entries, registers checked, problems): per register and year the sequences are
    1..n without gap or duplicate, and the counter gave no number without its entry."""
    problems: list[str] = []
    entries = _rows(engine, "SELECT r.code, e.year, e.sequence FROM registry_entry e "
                            "JOIN registry_register r ON r.id = e.register_id")
    by_register: dict[tuple[str, int], list[int]] = {}
    for code, year, sequence in entries:
        by_register.setdefault((code, year), []).append(sequence)
    counters = {(code, year): last for code, year, last in _rows(
        engine, "SELECT r.code, c.year, c.last_number FROM registry_counter c "
                "JOIN registry_register r ON r.id = c.register_id")}
    for register in sorted(set(by_register) | set(counters)):
        sequences = sorted(by_register.get(register, []))
        if sequences != list(range(1, len(sequences) + 1)):
            problems.append(f"register {register}: numbers {sequences} are not 1..n")
        if counters.get(register, 0) != len(sequences):
            problems.append(f"register {register}: counter at {counters.get(register)} "
                            f"for {len(sequences)} entries")
    return len(entries), len(by_register), problems


@dataclass
class Invariants:
    """The outcome of every check, with the counts the report prints."""

    acknowledged: int = 0
    lost: int = 0
    duplicates: int = 0
    gaps: int = 0
    entries: int = 0
    registers: int = 0
    half_states: int = 0
    instances_in_error: int = 0
    tasks_completed: int = 0
    tasks_not_completed: int = 0
    outbox: dict[str, int] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)  # outbox work not done, by topic
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"acknowledged submissions: {self.acknowledged}; lost {self.lost}; "
            f"duplicate registrations {self.duplicates}; registry problems (gaps, numbers "
            f"without entry) {self.gaps} over {self.entries} entries in "
            f"{self.registers} register-years",
            f"half states (sent but unregistered, registered without file or instance, "
            f"instance not one per file): {self.half_states}; instances in error: "
            f"{self.instances_in_error}",
            f"tasks completed by clerks: {self.tasks_completed}; not completed in the "
            f"database: {self.tasks_not_completed}",
            f"outbox after catch-up: {self.outbox or 'empty of due work'}",
            *self.pending,
            *[f"PROBLEM {problem}" for problem in self.problems[:40]],
        ]


def check_invariants(engine: Engine, ledger: Ledger) -> Invariants:
    """Read the database back and compare it with what the clients were told."""
    found = Invariants(acknowledged=len(ledger.acks))
    found.entries, found.registers, register_problems = gaps_in_registers(engine)
    found.gaps = len(register_problems)
    found.problems += register_problems
    _check_submissions(engine, ledger, found)
    _check_processes(engine, found)
    _check_tasks(engine, ledger, found)
    found.outbox = {key: value for key, value in outbox_backlog(engine).items() if value}
    found.pending = pending_summary(engine)
    failed = _rows(engine, "SELECT topic, last_error FROM outbox_message "
                           "WHERE status = 'failed'")
    if failed:
        found.outbox["failed"] = len(failed)
        found.problems += [f"outbox message failed for good: {row}" for row in failed[:5]]
    return found


def _check_submissions(engine: Engine, ledger: Ledger, found: Invariants) -> None:
    entries = _rows(engine, "SELECT submission_id, number FROM registry_entry "
                            "WHERE submission_id IS NOT NULL")
    per_submission = Counter(submission for submission, _ in entries)
    number_of = dict(entries)
    for ack in ledger.acks:
        if ack.submission_id not in per_submission:
            found.lost += 1
            found.problems.append(f"acknowledged {ack.registry_number} ({ack.key}) has no entry")
        elif number_of[ack.submission_id] != ack.registry_number:
            found.lost += 1
            found.problems.append(f"{ack.key}: told {ack.registry_number}, registered "
                                  f"{number_of[ack.submission_id]}")
    keys = Counter(ack.key for ack in ledger.acks)
    twice = [key for key, count in keys.items() if count > 1]
    found.duplicates = sum(count - 1 for count in per_submission.values()) + len(twice)
    found.problems += [f"submission {key} acknowledged twice" for key in twice]
    unregistered = _rows(engine, "SELECT s.id, s.status FROM submissions_submission s "
                                 "LEFT JOIN registry_entry e ON e.submission_id = s.id "
                                 "WHERE s.sent_at IS NOT NULL AND (e.id IS NULL "
                                 "OR s.status NOT IN ('registered', 'handed_over') "
                                 "OR s.registry_entry_id IS NULL "
                                 "OR s.registry_entry_id != e.id)")
    found.half_states += len(unregistered)
    found.problems += [f"submission sent but not registered: {row}" for row in unregistered]


def _check_processes(engine: Engine, found: Invariants) -> None:
    files = _rows(engine, "SELECT e.number, COUNT(DISTINCT f.id), COUNT(i.id) "
                          "FROM registry_entry e JOIN submissions_submission s "
                          "ON s.id = e.submission_id LEFT JOIN files_file f "
                          "ON f.registry_entry_id = e.id LEFT JOIN processing_instance i "
                          "ON i.subject_kind = 'file' AND i.subject_id = f.id "
                          "WHERE s.procedure_code = 'general-application' GROUP BY e.number")
    for number, file_count, instance_count in files:
        if file_count != 1 or instance_count != 1:
            found.half_states += 1
            found.problems.append(f"entry {number}: {file_count} files, "
                                  f"{instance_count} process instances")
    errors = _rows(engine, "SELECT id, model_key, error FROM processing_instance "
                           "WHERE status = 'error'")
    found.instances_in_error = len(errors)
    found.problems += [f"instance in error: {row}" for row in errors[:5]]


def _check_tasks(engine: Engine, ledger: Ledger, found: Invariants) -> None:
    found.tasks_completed = len(ledger.completed)
    states = {task_id: (state, by) for task_id, state, by in _rows(
        engine, "SELECT id, state, completed_by FROM processing_task "
                "WHERE state = 'completed'")}
    for task_id, login in ledger.completed.items():
        if states.get(task_id, (None, None)) != ("completed", login):
            found.tasks_not_completed += 1
            found.problems.append(f"task {task_id} completed by {login}: "
                                  f"{states.get(task_id)} in the database")


def latency_line(ledger: Ledger, elapsed: float) -> str:
    durations = sorted(ack.seconds for ack in ledger.acks)
    if not durations:
        return "no submission acknowledged"
    p95 = statistics.quantiles(durations, n=20)[-1] if len(durations) >= 20 else durations[-1]
    return (f"submissions: {len(durations)} in {elapsed:.1f} s = "
            f"{len(durations) / elapsed:.2f}/s; latency of a whole submission p50 "
            f"{statistics.median(durations) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
