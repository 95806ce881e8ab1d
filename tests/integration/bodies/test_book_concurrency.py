"""Ten decrees signed by the mayor at the same moment, each in its own transaction as the
tray page does it (signature prepared outside, recorded inside), get ten consecutive
numbers of the mayor's book; a decree rejected meanwhile and one whose signing
transaction fails after recording consume none (on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from eoffice import bodies, documents
from eoffice.app import create_app
from eoffice.bodies.models import Body, ResolutionCounter
from eoffice.demo import load_demo
from eoffice.documents.pki.sandbox import sandbox_runtime
from eoffice.documents.runtime import EXTENSION as DOCUMENTS_RUNTIME
from eoffice.migrate import upgrade
from eoffice.shared.db import Database
from eoffice.shared.localtime import local_today
from tests.conftest import make_settings
from tests.live_server import free_port

SIGNED = 10
PROCEDURE = "public-information-access"  # demo: resolved by the mayor


class FailsAfterRecording(Exception):
    """Stands for anything failing after the signature was recorded (a lost disk)."""


def _database(app: Flask) -> Database:
    found: Database = app.extensions["eoffice.database"]
    return found


def _decrees(app: Flask, count: int) -> list[documents.CircuitView]:
    circuits = []
    with app.app_context(), _database(app).unit_of_work() as db:
        for n in range(count):
            title = f"Decreto de acceso {n}"
            document_id = documents.record_draft_resolution(db, documents.DraftResolution(
                title=title, text="Se concede el acceso.", unit_code="TRA"), actor="clerk")
            bodies.register_resolution(db, document_id=document_id, procedure_code=PROCEDURE,
                                       title=title, actor="clerk")
            circuits.append(documents.start_circuit(db, document_id=document_id,
                                                    signers=["mayor"], actor="clerk"))
    return circuits


def _act(app: Flask, circuit: documents.CircuitView, what: str,
         barrier: threading.Barrier) -> str:
    database = _database(app)
    with app.app_context():
        with database.reader() as db:
            prepared = documents.prepare_tray_signature(db, circuit.id, signer="mayor")
        barrier.wait(timeout=120)  # every signature is recorded at the same moment
        try:
            with database.unit_of_work() as db:
                if what == "reject":
                    documents.reject_in_tray(db, circuit.id, signer="mayor",
                                             reason="Falta el informe")
                else:
                    documents.record_tray_signature(db, prepared)
                if what == "crash":
                    raise FailsAfterRecording()
        except FailsAfterRecording:
            return "crashed"
    return what


@pytest.mark.timeout(600)
def test_ten_decrees_signed_at_once_get_ten_consecutive_numbers(
        scratch_url: str, tmp_path: Path) -> None:
    upgrade(scratch_url)
    app = create_app(make_settings(tmp_path / "instance", scratch_url,
                                   dev_pki_port=free_port()))
    app.extensions[DOCUMENTS_RUNTIME] = sandbox_runtime()
    _database(app).dispose()
    app.extensions["eoffice.database"] = Database(scratch_url, pool_size=SIGNED + 4)
    with app.app_context(), _database(app).unit_of_work() as session:
        load_demo(session, samples=False)
    try:
        circuits = _decrees(app, SIGNED + 2)
        plan = ["sign"] * SIGNED + ["reject", "crash"]
        barrier = threading.Barrier(len(circuits))
        with ThreadPoolExecutor(max_workers=len(circuits)) as pool:
            outcomes = list(pool.map(lambda pair: _act(app, pair[0], pair[1], barrier),
                                     zip(circuits, plan, strict=True)))
        with app.app_context(), _database(app).reader() as db:
            views = [bodies.find_resolution_by_document(db, c.document_id) for c in circuits]
            mayor = db.scalar(select(Body.id).where(Body.key == "mayor"))
            year = local_today().year
            counter = db.get(ResolutionCounter, (mayor, year))
            last = counter.last_number if counter else None
            pending = documents.get_circuit(db, circuits[-1].id).state
    finally:
        _database(app).dispose()
    assert outcomes == [*plan[:-1], "crashed"]
    signed = [view for view in views[:SIGNED] if view is not None]
    assert sorted(view.number or 0 for view in signed) == list(range(1, SIGNED + 1))
    assert {(view.state, view.year, view.signed_by) for view in signed} == {
        ("signed", year, "mayor")}
    rejected, crashed = views[SIGNED], views[SIGNED + 1]
    assert rejected is not None and (rejected.state, rejected.number) == ("rejected", None)
    assert crashed is not None and (crashed.state, crashed.number) == ("pending", None)
    assert pending == "pending"  # the failed signature left the circuit waiting
    assert last == SIGNED  # no number was lost to the rejected or the failed one
