"""Messages resume the instance of the subject that waits for them, with their payload;
a message that nobody waits for is refused and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.processing.models import ProcessInstance, UserTask
from eoffice.processing.services import instances
from tests.unit.processing import samples

MODEL = samples.chain("wait_for_signature", [
    samples.message_catch("Event_signature_done", "Message_signature_done", "signature"),
    samples.script_task("Task_note_signer", 'signed_by = signature["signer"]'),
    samples.user_task("Task_notify")],
    lanes=[samples.lane("Lane_clerks", ["StartEvent_start", "Event_signature_done",
                                        "Task_note_signer", "Task_notify", "EndEvent_end"])],
    extra=samples.message("Message_signature_done", "signature_done"))


@pytest.fixture
def waiting(db: Session) -> ProcessInstance:
    processing.deploy_model(db, MODEL, actor="test")
    return processing.start_instance(db, model_key="wait_for_signature", subject_kind="file",
                                     subject_id="URB/2026/9", unit_code="URB", actor="test")


def test_a_message_resumes_the_waiting_instance_with_its_payload(
        db: Session, waiting: ProcessInstance) -> None:
    resumed = processing.deliver_message(db, message="signature_done", subject_kind="file",
                                         subject_id="URB/2026/9",
                                         payload={"signer": "head"}, actor="documents")
    assert resumed == [waiting.id]
    task = db.scalars(select(UserTask).where(UserTask.instance_id == waiting.id)).one()
    assert task.spec_id == "Task_notify"
    workflow = instances.load_workflow(db, waiting, "test")
    ready = [t for t in workflow.get_tasks() if t.task_spec.bpmn_id == "Task_notify"]
    assert ready[0].data["signed_by"] == "head"


@pytest.mark.parametrize(("message", "subject"), [
    ("report_done", "URB/2026/9"), ("signature_done", "URB/2026/10")])
def test_a_message_for_no_waiting_instance_is_refused(
        db: Session, waiting: ProcessInstance, message: str, subject: str) -> None:
    version = waiting.version
    with pytest.raises(processing.NoWaitingInstance):
        processing.deliver_message(db, message=message, subject_kind="file",
                                   subject_id=subject, payload={}, actor="test")
    assert waiting.version == version
