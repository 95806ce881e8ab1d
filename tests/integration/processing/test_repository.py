"""The model repository: the product's models load once (called processes first), a
model may call a process deployed earlier, and instances stay on the version they
started with when a new version is deployed."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.identity import Principal
from eoffice.identity.domain import Grant
from eoffice.processing.models import ProcessModelVersion, UserTask
from eoffice.processing.services import tasks
from tests.unit.processing import samples

CLERK = Principal(account_id=1, login="clerk", name="Clerk", roles=frozenset({"clerk"}),
                  units=("URB",), grants=(Grant("files.process", frozenset({"URB"})),))


def test_the_product_models_load_once(db: Session) -> None:
    """The demo loaded them (`eoffice demo load`); loading again changes nothing."""
    keys = set(db.scalars(select(ProcessModelVersion.key)))
    assert keys >= {"request_report", "general_application"}
    again = processing.sync_product_models(db, processing.PRODUCT_MODELS)
    assert again.created == []
    assert set(again.unchanged) >= {"request_report.bpmn", "general_application.bpmn"}


def test_a_model_may_call_a_process_of_the_repository(db: Session) -> None:
    missing = samples.chain("asks_for_survey", [
        samples.call_activity("CallActivity_survey", "site_survey")])
    with pytest.raises(processing.InvalidModel) as refused:
        processing.deploy_model(db, missing, actor="test")
    assert refused.value.errors[0].field == "CallActivity_survey"
    caller = samples.chain("asks_for_report", [  # request_report: deployed by the demo
        samples.call_activity("CallActivity_report", "request_report")])
    assert processing.deploy_model(db, caller, actor="test").version == 1


def test_running_instances_keep_their_version(db: Session) -> None:
    processing.deploy_model(db, samples.review_model("pinned"), actor="test")
    old = processing.start_instance(db, model_key="pinned", subject_kind="file",
                                    subject_id="URB/2026/3", unit_code="URB", actor="test")
    newer = samples.chain("pinned", [samples.user_task("Task_other")], lanes=[
        samples.lane("Lane_clerks", ["StartEvent_start", "Task_other", "EndEvent_end"])])
    assert processing.deploy_model(db, newer, actor="test").version == 2
    new = processing.start_instance(db, model_key="pinned", subject_kind="file",
                                    subject_id="URB/2026/4", unit_code="URB", actor="test")
    db.flush()
    versions = {row.id: row.version for row in db.execute(
        select(ProcessModelVersion.id, ProcessModelVersion.version))}
    assert (versions[old.model_version_id], versions[new.model_version_id]) == (1, 2)

    old_task = db.scalars(select(UserTask).where(UserTask.instance_id == old.id)).one()
    assert old_task.spec_id == "Task_review"
    tasks.complete_task(db, old_task.id, CLERK, data={})
    assert old.status == "completed"
    new_task = db.scalars(select(UserTask).where(UserTask.instance_id == new.id)).one()
    assert new_task.spec_id == "Task_other"
