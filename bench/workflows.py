"""Completed workflows per second: the general application from start to end (not a
test: timings never fail a build).

eoffice: on a scratch instance with the demo city (``eoffice db upgrade``, ``eoffice demo
load``), one file after another, as the scenario test
``tests/scenarios/test_general_application.py`` takes it but each step in its own
committed transaction, as requests and the worker do: a file of URB opened for the
procedure ``general-application`` (the worker starts its process), the clerk completes
"Review the application" (no report) and "Draft the resolution" (the resolution is
rendered into the file and sent to the tray), the head signs it in the tray (PAdES), the
citizen opens the notification, and the worker passes the news on until the file is
closed and the process completed. Timed whole, with the share of the wall time spent in
the processing service's instance work (restore; run until waiting, which includes the
operators of the service tasks; save) and the rest (the worker's deliveries: rendering,
signing, notifications, closure; the other contexts' database work).

Baseline in the same run: SpiffWorkflow alone on the same models (the general
application and the processes it calls, parsed once) with the same safe script engine,
its service tasks answered with the results the real operators gave, its user tasks
completed with the same data and its messages sent with the same payloads (all recorded
from the first eoffice run): the engine's own ceiling for this model, in this process.

The issue's goal: >= 100 completed workflows/s for the general application.

    .venv/bin/python bench/workflows.py [--files 5] [--baseline-rounds 200]
    EOFFICE_BENCH_PG_URL=postgresql+psycopg://... on a fresh PostgreSQL database
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from SpiffWorkflow.bpmn.util.event import BpmnEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.specs.defaults import UserTask
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import PG_URL_VARIABLE, database_label, emit, fresh_pg_database
from eoffice import documents, files, identity, notifications, processing
from eoffice.app import create_app
from eoffice.files.models import AdministrativeFile
from eoffice.processing import engine
from eoffice.processing.models import InstanceStatus, ProcessInstance
from eoffice.processing.models import TaskState as RowState
from eoffice.processing.models import UserTask as TaskRow
from eoffice.processing.services import completion, instances, tasks
from eoffice.settings import load_settings
from eoffice.shared.db import unit_of_work
from tests.conftest import run_worker
from tests.live_server import prepare_instance, server_env

GOAL_PER_SECOND = 100
MODELS = processing.PRODUCT_MODELS
ANA = {"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
       "role": "interested"}
REVIEW: dict[str, Any] = {}
DRAFT = {"decision": "granted", "resolution_text": "Granted as asked."}


class Recorder:
    """What the engine did in one eoffice run: the service results by element, the data
    user tasks were completed with, the messages sent; and the seconds spent in the
    processing engine (restore, run until waiting, save)."""

    def __init__(self) -> None:
        self.on = False
        self.services: dict[str, list[str]] = defaultdict(list)
        self.script: list[tuple[str, str, dict[str, Any]]] = []
        self.engine_seconds = 0.0

    @contextmanager
    def patched(self) -> Iterator[None]:
        originals = (engine.SafeScriptEngine.call_service, BpmnWorkflow.send_event,
                     completion.check_completion, instances.run_until_waiting,
                     instances.load_workflow, instances.save)
        call_service, send_event, check, run, load, save = originals
        recorder = self

        def recorded_service(engine_self: Any, task: Any, operation_name: str = "",
                             operation_params: Any = None, **kw: Any) -> str:
            result: str = call_service(engine_self, task, operation_name, operation_params, **kw)
            if recorder.on:
                recorder.services[task.task_spec.bpmn_id].append(result)
            return result

        def recorded_event(workflow: BpmnWorkflow, event: BpmnEvent) -> None:
            if recorder.on:
                recorder.script.append(("message", event.event_definition.name,
                                        dict(event.payload or {})))
            send_event(workflow, event)

        def recorded_check(session: Any, contract: Any, data: Any) -> Any:
            checked = check(session, contract, data)
            if recorder.on:
                recorder.script.append(("task", "", dict(checked)))
            return checked

        swaps: list[tuple[Any, str, Any]] = [
            (engine.SafeScriptEngine, "call_service", recorded_service),
            (BpmnWorkflow, "send_event", recorded_event),
            (completion, "check_completion", recorded_check),
            (instances, "run_until_waiting", self._timed(run)),
            (instances, "load_workflow", self._timed(load)),
            (instances, "save", self._timed(save))]
        for (owner, name, replacement), original in zip(swaps, originals, strict=True):
            assert getattr(owner, name) is original
            setattr(owner, name, replacement)
        try:
            yield
        finally:
            for (owner, name, _replacement), original in zip(swaps, originals, strict=True):
                setattr(owner, name, original)

    def _timed(self, call: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self.engine_seconds += time.perf_counter() - started
        return timed


def _principal(db: Any, login: str) -> identity.Principal:
    return identity.load_principal(db, identity.get_account(db, login),
                                   authenticated_by="bench")


def _open_task(db: Any, file_id: str, element: str) -> TaskRow:
    found = db.scalars(select(TaskRow).join(ProcessInstance,
                                            ProcessInstance.id == TaskRow.instance_id)
                       .where(TaskRow.state == RowState.OPEN,
                              ProcessInstance.subject_id == file_id)).all()
    wanted = [task for task in found if task.spec_id == element]
    if len(wanted) != 1:
        instances_of_file = db.execute(select(ProcessInstance.model_key,
                                              ProcessInstance.status, ProcessInstance.error)
                                       .where(ProcessInstance.subject_id == file_id)).all()
        raise RuntimeError(f"{element} is not the one open task of the file: open "
                           f"{[task.spec_id for task in found]}, instances {instances_of_file}")
    task: TaskRow = wanted[0]
    return task


def drain(app: Flask) -> None:
    """Worker rounds until no message is left to deliver."""
    while run_worker(app):
        pass


def one_application(app: Flask, number: int) -> str:
    """A general application from the file's opening to its closure; the file's id."""
    with unit_of_work() as db:
        file_id = files.open_file(db, files.NewFile(
            unit_code="URB", subject=f"Bench application {number}", parties=[ANA],
            procedure="general-application", case="standard"), actor="registrar").id
    drain(app)
    for element, data in (("Task_review_application", REVIEW),
                          ("Task_draft_resolution", DRAFT)):
        with unit_of_work() as db:
            task = _open_task(db, file_id, element)
            tasks.complete_task(db, task.id, _principal(db, "clerk"), data=data)
    drain(app)
    with unit_of_work() as db:
        waiting, _done = documents.list_tray(db, "head")
        for circuit in waiting:
            prepared = documents.prepare_tray_signature(db, circuit.id, signer="head")
            documents.record_tray_signature(db, prepared)
    drain(app)
    with unit_of_work() as db:
        reader = _principal(db, "ana")
        for made in notifications.notifications_of_file(db, _file_number(db, file_id)):
            if made.state == notifications.NotificationState.AVAILABLE:
                notifications.access_notification(db, made.id, reader)
    drain(app)
    return file_id


def _file_number(db: Any, file_id: str) -> str:
    found = db.get(AdministrativeFile, file_id)
    assert found is not None
    number: str = found.number
    return number


def completed(file_id: str) -> bool:
    with unit_of_work() as db:
        statuses = db.scalars(select(ProcessInstance.status).where(
            ProcessInstance.subject_id == file_id,
            ProcessInstance.model_key == "general_application")).all()
    return list(statuses) == [InstanceStatus.COMPLETED]


class ReplayEngine(engine.SafeScriptEngine):
    """The safe script engine whose service calls answer what the real ones did."""

    def __init__(self, services: dict[str, list[str]]) -> None:
        super().__init__(context=None)
        self.answers = {element: iter(results) for element, results in services.items()}

    def call_service(self, task: Any, operation_name: str = "",
                     operation_params: Any = None, **_: Any) -> str:
        return next(self.answers[task.task_spec.bpmn_id])


def parsed_models() -> SpiffBpmnParser:
    parser = SpiffBpmnParser()
    for path in [*sorted((MODELS / "common").glob("*.bpmn")),
                 MODELS / "procedures" / "general_application.bpmn"]:
        parser.add_bpmn_file(str(path))
    return parser


def replay(parser: SpiffBpmnParser, recorder: Recorder) -> bool:
    """The recorded run on SpiffWorkflow alone; whether it completed."""
    workflow = BpmnWorkflow(parser.get_spec("general_application"),
                            parser.get_subprocess_specs("general_application"),
                            script_engine=ReplayEngine(recorder.services))
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update({"unit": "URB", "subject_kind": "file", "subject_id": "bench"})
    engine.run_engine(workflow)
    for kind, name, data in recorder.script:
        if kind == "task":
            task = next(t for t in engine.tasks_in(workflow, TaskState.READY)
                        if isinstance(t.task_spec, UserTask))
            task.data.update(data)
            task.run()
        else:
            definition = next(
                candidate for waiting in engine.tasks_in(workflow, TaskState.WAITING)
                for candidate in getattr(getattr(waiting.task_spec, "event_definition", None),
                                         "event_definitions",
                                         [getattr(waiting.task_spec, "event_definition", None)])
                if getattr(candidate, "name", None) == name)
            workflow.send_event(BpmnEvent(definition, payload=data))
        engine.run_engine(workflow)
        workflow.refresh_timers()
        engine.run_engine(workflow)
    return bool(workflow.completed)


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=5)
    parser.add_argument("--baseline-rounds", type=int, default=200)
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="eoffice-bench-workflows-"))
    extra = {}
    if server := os.environ.get(PG_URL_VARIABLE):
        extra["EOFFICE_DATABASE_URL"] = fresh_pg_database(server, "workflows")
    env = server_env(instance, **extra)
    prepare_instance(env)
    os.environ.update({key: value for key, value in env.items() if key.startswith("EOFFICE_")})
    app = create_app(load_settings())
    recorder = Recorder()
    with app.app_context(), recorder.patched():
        one_application(app, 0)  # warm-up: fonts, keys, the demo's own tray items
        recorder.on = True
        first = one_application(app, 1)
        recorder.on = False
        recorder.engine_seconds = 0.0
        started, cpu = time.perf_counter(), time.process_time()
        done = [one_application(app, n) for n in range(2, 2 + args.files)]
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        all_completed = all(completed(file_id) for file_id in [first, *done])
    engine_share = recorder.engine_seconds / elapsed
    models = parsed_models()
    assert replay(models, recorder), "the replay did not complete: the bench is wrong"
    replay_started = time.perf_counter()
    for _ in range(args.baseline_rounds):
        replay(models, recorder)
    baseline = args.baseline_rounds / (time.perf_counter() - replay_started)
    rate = args.files / elapsed
    label = database_label()
    print(f"database: {label}; {args.files} general applications, one after another")
    print(f"eoffice: {rate:.2f} completed workflows/s ({elapsed / args.files * 1000:,.0f} ms "
          f"each, CPU {cpu / args.files * 1000:,.0f} ms); instance restore, run (operators "
          f"included), save: {engine_share:.0%} of it; all completed: {all_completed}")
    print(f"SpiffWorkflow alone, same models and script engine, replayed: {baseline:,.1f}/s")
    print(f"ratio {rate / baseline:.4f}; goal >= {GOAL_PER_SECOND}/s")
    print(f"recorded: {len(recorder.script)} user tasks and messages, "
          f"{sum(map(len, recorder.services.values()))} service calls: "
          f"{json.dumps(sorted(recorder.services))}")
    return emit("completed workflows/s (general application)", database=label,
                result=round(rate, 2), unit="workflows/s", baseline=round(baseline, 1),
                baseline_name="SpiffWorkflow alone, same models, replayed",
                ratio=round(rate / baseline, 4), goal=f">= {GOAL_PER_SECOND}/s",
                met=rate >= GOAL_PER_SECOND and all_completed,
                details={"files": args.files, "ms_each": round(elapsed / args.files * 1000),
                         "cpu_ms_each": round(cpu / args.files * 1000),
                         "engine_share": round(engine_share, 3),
                         "all_completed": all_completed})


if __name__ == "__main__":
    main()
