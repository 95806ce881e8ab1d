"""The resolution that asks for the competent body is a new version of the common
subprocess: loading the product's models deploys it once, new processes take it, and a
process that started on the version before it ends as it started (the head of the unit
signs, nothing goes to the book) and is not moved to the new one halfway."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import bodies, documents, processing
from eoffice.processing.services import migration
from eoffice.processing.services.repository import get_latest_version
from tests.scenarios import steps

OLD = Path(__file__).with_name("resolution_before_competent_bodies.bpmn").read_bytes()
PRODUCT = (processing.PRODUCT_MODELS / "common" / "resolution.bpmn").read_bytes()


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def _waiting_in_tray(db: Session, login: str) -> int:
    waiting, _done = documents.list_tray(db, login)
    return len(waiting)


def test_the_product_resolution_finds_the_competent_body_and_loads_once(db: Session) -> None:
    latest = get_latest_version(db, "resolution")
    assert "find_competent_body" in latest.bpmn and "agreement_decided" in latest.bpmn
    again = processing.sync_product_models(db, processing.PRODUCT_MODELS)
    assert "resolution.bpmn" in again.unchanged
    assert get_latest_version(db, "resolution").version == latest.version


def test_a_resolution_started_on_the_old_version_ends_as_it_started(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = steps.open_file(app, db, procedure="public-information-access",
                              case="standard", unit="URB", subject="Plans of Carrer Major")
    old = processing.deploy_model(db, OLD, actor="test")
    started = steps.start_caller(db, file_id, "resolution")
    assert started.pins["resolution"] == old.sha256
    new = processing.deploy_model(db, PRODUCT + b"<!-- the product's, again -->\n",
                                  actor="test")
    assert new.version > old.version
    newer_caller = steps.caller("calls_resolution", "resolution").replace(
        b'name="After resolution"', b'name="After the resolution"')
    processing.deploy_model(db, newer_caller, actor="test")
    report = migration.migrate_instances(db, "calls_resolution", instance_ids=[started.id],
                                         dry_run=True, actor="admin")
    assert not report.items[0].can_move
    assert "resolution" in " ".join(report.items[0].reasons)

    steps.complete(db, file_id, "Task_draft_resolution", "clerk", decision="granted",
                   resolution_text="The plans are given to the applicant.")
    circuit = steps.waiting_circuit(db, "head")  # not the mayor's, competent today
    assert _waiting_in_tray(db, "mayor") == 0
    assert bodies.find_resolution_by_document(db, circuit.document_id) is None
    steps.sign_in_tray(app, db, "head")
    assert steps.file_row(db, file_id).phase == "resolved"
    assert steps.waiting_task(db, file_id)[0] == "Task_after"

    other = steps.open_file(app, db, procedure="public-information-access",
                            case="standard", unit="URB", subject="Minutes of the board")
    later = steps.start_caller(db, other, "resolution")
    assert later.pins["resolution"] == new.sha256

