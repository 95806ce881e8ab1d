"""Small models for the task-page and completion tests: a task with a published form of the
product (complaint_suggestion@1) then a follow-up task, and a task that declares the few
fields it takes; both for URB's clerks."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.files.models import AdministrativeFile
from eoffice.processing.models import ProcessInstance, TaskState, UserTask
from tests.unit.processing import samples

FORM_TASK = "Task_note_complaint"
FOLLOW_UP = "Task_follow_up"
FIELDS_TASK = "Task_write_note"
VALID_ANSWERS = {"kind": "complaint", "subject": "Noise at night",
                 "text": "The bar plays music until 3 a.m.", "wants_answer": "no"}


def declaring(task_id: str, fields: str) -> str:
    return (f'<bpmn:userTask id="{task_id}" name="Write a note"><bpmn:extensionElements>'
            '<spiffworkflow:properties><spiffworkflow:property name="fields" '
            f'value="{fields}"/></spiffworkflow:properties></bpmn:extensionElements>'
            "</bpmn:userTask>")


def form_model() -> bytes:
    return samples.chain("test_task_form", [
        samples.user_task(FORM_TASK, form="complaint_suggestion@1"),
        samples.user_task(FOLLOW_UP),
    ], lanes=[samples.lane("Lane_clerks", ["StartEvent_start", FORM_TASK, FOLLOW_UP,
                                           "EndEvent_end"])])


def fields_model() -> bytes:
    return samples.chain("test_task_fields", [
        declaring(FIELDS_TASK, "note:textarea, other_unit?:unit, outcome:granted|refused"),
        samples.user_task(FOLLOW_UP),
    ], lanes=[samples.lane("Lane_clerks", ["StartEvent_start", FIELDS_TASK, FOLLOW_UP,
                                           "EndEvent_end"])])


def file_id_of(db: Session, number: str) -> str:
    return db.scalars(select(AdministrativeFile.id)
                      .where(AdministrativeFile.number == number)).one()


def start(db: Session, model: bytes, *, subject_id: str = "no-file") -> ProcessInstance:
    """Deploy ``model`` and start it for the file ``subject_id`` of URB."""
    deployed = processing.deploy_model(db, model, actor="test")
    row = processing.start_instance(db, model_key=deployed.key, subject_kind="file",
                                    subject_id=subject_id, unit_code="URB", actor="test")
    db.flush()
    return row


def open_task(db: Session, instance: ProcessInstance, spec_id: str) -> UserTask | None:
    db.expire_all()
    return db.scalars(select(UserTask).where(UserTask.instance_id == instance.id,
                                             UserTask.spec_id == spec_id,
                                             UserTask.state == TaskState.OPEN)).first()
