"""The order and the total of the clerk's task list: soonest due first, undated tasks last,
ties by creation; past the count's cap the total reads "N+" (API ``total_capped``); and a
database migrated from 0017 gets the sort key of its existing tasks."""

from __future__ import annotations

import importlib.util
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import files, processing
from eoffice.identity import Principal
from eoffice.identity.domain import Grant
from eoffice.migrate import MIGRATIONS, upgrade
from eoffice.processing.models import ProcessInstance, TaskState, UserTask
from eoffice.processing.services import tasks
from tests.api.processing.test_tasks import Headers
from tests.conftest import sign_in

BASE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def instance(db: Session) -> ProcessInstance:
    processing.sync_product_models(db, processing.PRODUCT_MODELS)
    opened = files.open_file(db, files.NewFile(unit_code="URB", subject="Task order",
                                               parties=[]), actor="registrar")
    row = processing.start_instance(db, model_key="general_application", subject_kind="file",
                                    subject_id=opened.id, unit_code="URB", actor="test")
    db.flush()
    return row


def add_task(db: Session, instance: ProcessInstance, name: str, *, due_in: int | None,
             created_minute: int, unit: str = "URB", role: str = "clerk") -> UserTask:
    task = UserTask(id=f"order-{name}", instance_id=instance.id, spec_id="Task_order",
                    name=name, lane="Clerks", unit_code=unit, role=role,
                    due_at=None if due_in is None else BASE + timedelta(days=due_in),
                    state=TaskState.OPEN, created_at=BASE + timedelta(minutes=created_minute))
    db.add(task)
    return task


def listed(client: FlaskClient, headers: dict[str, str], instance_id: str) -> list[str]:
    response = client.get("/api/v1/tasks?page_size=200", headers=headers)
    assert response.status_code == 200, response.get_json()
    return [t["name"] for t in response.get_json()["items"]
            if t["process"]["instance"] == instance_id and t["task"] == "Task_order"]


def test_soonest_due_first_undated_last_ties_by_creation(
        client: FlaskClient, db: Session, token_for: Headers,
        instance: ProcessInstance) -> None:
    add_task(db, instance, "undated, older", due_in=None, created_minute=1)
    add_task(db, instance, "due in 5 days, newer", due_in=5, created_minute=9)
    add_task(db, instance, "undated, newer", due_in=None, created_minute=8)
    add_task(db, instance, "due in 5 days, older", due_in=5, created_minute=2)
    add_task(db, instance, "due in 2 days", due_in=2, created_minute=7)
    later = add_task(db, instance, "given a due date later", due_in=None, created_minute=3)
    db.flush()
    later.due_at = BASE  # dated after it was listed undated: now the soonest
    db.flush()

    assert listed(client, token_for("clerk"), instance.id) == [
        "given a due date later", "due in 2 days", "due in 5 days, older",
        "due in 5 days, newer", "undated, older", "undated, newer"]
    assert listed(client, token_for("clerk2"), instance.id) == []  # another unit


def test_several_units_and_roles_interleave_in_the_same_order(
        db: Session, instance: ProcessInstance) -> None:
    for name, due_in, minute, unit, role in (
            ("A head undated", None, 1, "ORDER-A", "head"), ("B clerk 3", 3, 2, "ORDER-B", "clerk"),
            ("A clerk 1", 1, 3, "ORDER-A", "clerk"), ("B head 1", 1, 4, "ORDER-B", "head"),
            ("A clerk 3", 3, 1, "ORDER-A", "clerk"), ("B clerk undated", None, 0, "ORDER-B",
                                                      "clerk"),
            ("C clerk 0", 0, 0, "ORDER-C", "clerk")):  # a unit the principal does not have
        add_task(db, instance, name, due_in=due_in, created_minute=minute, unit=unit, role=role)
    db.flush()
    head = Principal(account_id=0, login="order.head", name="Head", roles=frozenset(
        {"clerk", "head"}), units=("ORDER-A", "ORDER-B"), grants=(Grant(
            "files.process", frozenset({"ORDER-A", "ORDER-B"})),))
    pages = [[task.name for task, _instance in tasks.list_tasks_for(
        db, head, page=page, page_size=2).items] for page in (1, 2, 3, 4)]
    assert pages == [["A clerk 1", "B head 1"], ["A clerk 3", "B clerk 3"],
                     ["B clerk undated", "A head undated"], []]
    assert tasks.list_tasks_for(db, head, page=1, page_size=2).total == 6


def test_the_total_stops_at_the_cap_and_says_so(
        client: FlaskClient, db: Session, token_for: Headers, instance: ProcessInstance,
        monkeypatch: pytest.MonkeyPatch) -> None:
    for minute in range(3):
        add_task(db, instance, f"task {minute}", due_in=minute, created_minute=minute)
    db.flush()
    body = client.get("/api/v1/tasks", headers=token_for("clerk")).get_json()
    assert body["total_capped"] is False
    shown = body["total"]
    assert shown >= 4 and len(body["items"]) == shown

    monkeypatch.setattr(tasks, "COUNT_CAP", 2)
    body = client.get("/api/v1/tasks", headers=token_for("clerk")).get_json()
    assert (body["total"], body["total_capped"]) == (2, True)
    assert len(body["items"]) == shown  # the page itself is not capped
    sign_in(client, "clerk")
    page = client.get("/backoffice/tasks?lang=en").get_data(as_text=True)
    assert '<span data-testid="task-total">2+</span>' in page


def _migration_0018() -> Any:
    path = MIGRATIONS / "versions" / "0018_processing_task_order.py"
    spec = importlib.util.spec_from_file_location("migration_0018", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_upgrading_from_0017_gives_existing_tasks_their_sort_key(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    upgrade(f"sqlite:///{path}", "0017")
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO processing_task (id, instance_id, spec_id, name, unit_code, role, "
            "state, due_at, created_at) VALUES (?, 'i1', 'T', 'T', 'URB', 'clerk', 'open', ?, "
            "'2026-11-01 08:00:00.000000')",
            [("dated", "2026-11-20 10:30:00.000000"), ("undated", None)])
    upgrade(f"sqlite:///{path}")
    with sqlite3.connect(path) as connection:
        keys = dict(connection.execute("SELECT id, due_order FROM processing_task"))
        plan = " ".join(str(row) for row in connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM processing_task WHERE unit_code = 'URB' AND "
            "state = 'open' AND role = 'clerk' ORDER BY due_order, created_at, id LIMIT 20"))
    assert keys == {"dated": "2026-11-20 10:30:00.000000",
                    "undated": "9999-12-31 00:00:00.000000"}
    assert "ix_processing_task_list" in plan and "TEMP B-TREE" not in plan
    assert _migration_0018().NO_DUE_DATE == processing.models.NO_DUE_DATE
