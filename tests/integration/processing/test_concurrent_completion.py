"""Two clerks completing the same task at the same moment: one succeeds, the other gets
a conflict (409), and the instance is intact: the task completed once, the next task
opened once (on SQLite, and on PostgreSQL when the suite runs there)."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import select

from eoffice import identity, processing
from eoffice.identity import Principal
from eoffice.identity.domain import Grant
from eoffice.migrate import upgrade
from eoffice.processing.models import ProcessInstance, UserTask
from eoffice.processing.services import instances, tasks
from eoffice.shared.db import Database
from eoffice.shared.errors import DomainError
from tests.unit.processing import samples

MODEL = samples.chain("double_review", [
    samples.user_task("Task_first_review"), samples.user_task("Task_second_review")],
    lanes=[samples.lane("Lane_clerks", ["StartEvent_start", "Task_first_review",
                                        "Task_second_review", "EndEvent_end"])])


def clerk(login: str) -> Principal:
    return Principal(account_id=1, login=login, name=login, roles=frozenset({"clerk"}),
                     units=("URB",), grants=(Grant("files.process", frozenset({"URB"})),))


def _prepare(database: Database) -> tuple[str, str]:
    with database.unit_of_work() as session:
        identity.seed_standard_roles(session)
        identity.ensure_unit(session, code="URB", names={"es": "URB"}, parent_code=None)
    with database.unit_of_work() as session:
        processing.deploy_model(session, MODEL, actor="test")
        row = processing.start_instance(session, model_key="double_review",
                                        subject_kind="file", subject_id="URB/2026/1",
                                        unit_code="URB", actor="test")
        task_id = session.scalars(select(UserTask.id).where(
            UserTask.instance_id == row.id)).one()
        return row.id, task_id


def test_concurrent_completions_one_wins_the_other_conflicts(
        scratch_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    upgrade(scratch_url)
    database = Database(scratch_url, pool_size=4)
    barrier = threading.Barrier(2)
    loading = instances.load_workflow

    def load_then_meet(*args: Any, **kwargs: Any) -> Any:
        workflow = loading(*args, **kwargs)
        # Both read the instance before either writes, where the database lets them;
        # on SQLite writers queue, so the second only starts once the first is done.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)
        return workflow

    monkeypatch.setattr(instances, "load_workflow", load_then_meet)

    def attempt(login: str) -> str:
        try:
            with database.unit_of_work() as session:
                tasks.complete_task(session, task_id, clerk(login), data={"by": login})
            return "ok"
        except DomainError as exc:
            assert exc.status == 409, exc.problem()
            return exc.code

    try:
        instance_id, task_id = _prepare(database)
        with database.reader() as session:
            version_before = session.get(ProcessInstance, instance_id).version  # type: ignore[union-attr]
        with ThreadPoolExecutor(max_workers=2) as pool:
            outcomes = sorted(pool.map(attempt, ["clerk", "clerk2"]))
        with database.reader() as session:
            row = session.get(ProcessInstance, instance_id)
            assert row is not None
            rows = session.scalars(select(UserTask).where(
                UserTask.instance_id == instance_id)).all()
            workflow = instances.load_workflow(session, row, "test")
    finally:
        database.dispose()

    assert outcomes[0] == "ok"  # sorted: "ok" before the code of the loser
    assert outcomes[1] in {"processing.instance_changed", "processing.task_not_ready"}
    assert row.version == version_before + 1
    states = {task.spec_id: task.state for task in rows}
    assert states == {"Task_first_review": "completed", "Task_second_review": "open"}
    ready = [t.task_spec.bpmn_id for t in workflow.get_tasks() if t.state == 16]  # READY
    assert ready == ["Task_second_review"]
