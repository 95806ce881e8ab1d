"""A general application of ana whose process starts by requiring her to complete it
(the common subprocess ``require_completion``), on a fixed day with a local holiday
inside the term: made Wednesday 3 February 2027, ten business days counted from the day
after, Wednesday 10 February a holiday, so the last day to answer is Thursday 18."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import deadlines, files, processing
from eoffice.files.models import AdministrativeFile
from eoffice.processing.models import ProcessInstance, TaskState, UserTask
from eoffice.shared.clock import frozen_at
from tests.api.files.sent import send_application

Headers = Callable[[str], dict[str, str]]
MADE = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)  # 10:00 in the city
HOLIDAY = date(2027, 2, 10)
LAST_DAY = date(2027, 2, 18)
TEXT = "Attach the plan of the site signed by an architect."

CALLER = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
    id="Definitions_general_application" targetNamespace="http://eoffice.example/bpmn">
  <bpmn:process id="general_application" isExecutable="true">
    <bpmn:laneSet id="LaneSet_city">
      <bpmn:lane id="Lane_clerks" name="Clerks">
        <bpmn:extensionElements><spiffworkflow:properties>
          <spiffworkflow:property name="unit" value="=unit"/>
          <spiffworkflow:property name="role" value="clerk"/>
        </spiffworkflow:properties></bpmn:extensionElements>
        <bpmn:flowNodeRef>StartEvent_file_opened</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Task_say_what_is_missing</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>CallActivity_require_completion</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Gateway_withdrawn</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Task_review_answer</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>EndEvent_reviewed</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>EndEvent_withdrawn</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="StartEvent_file_opened"/>
    <bpmn:scriptTask id="Task_say_what_is_missing">
      <bpmn:script>requirement_text = "{TEXT}"</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:callActivity id="CallActivity_require_completion" calledElement="require_completion"/>
    <bpmn:exclusiveGateway id="Gateway_withdrawn" default="Flow_answered"/>
    <bpmn:userTask id="Task_review_answer" name="Check the answer"/>
    <bpmn:endEvent id="EndEvent_reviewed"/>
    <bpmn:endEvent id="EndEvent_withdrawn"/>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_file_opened"
        targetRef="Task_say_what_is_missing"/>
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_say_what_is_missing"
        targetRef="CallActivity_require_completion"/>
    <bpmn:sequenceFlow id="Flow_3" sourceRef="CallActivity_require_completion"
        targetRef="Gateway_withdrawn"/>
    <bpmn:sequenceFlow id="Flow_answered" sourceRef="Gateway_withdrawn"
        targetRef="Task_review_answer"/>
    <bpmn:sequenceFlow id="Flow_withdrawn" sourceRef="Gateway_withdrawn"
        targetRef="EndEvent_withdrawn">
      <bpmn:conditionExpression>withdrawn</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_review_answer" targetRef="EndEvent_reviewed"/>
  </bpmn:process>
</bpmn:definitions>
""".encode()


@dataclass(frozen=True)
class RequiredApplication:
    submission_id: str
    file_id: str
    file_number: str
    requirement: files.RequirementView


def open_tasks(db: Session, file_id: str) -> list[str]:
    """The element ids of the open user tasks of the file's process."""
    return list(db.scalars(
        select(UserTask.spec_id).join(ProcessInstance, ProcessInstance.id == UserTask.instance_id)
        .where(UserTask.state == TaskState.OPEN, ProcessInstance.subject_kind == "file",
               ProcessInstance.subject_id == file_id)))


def file_of(db: Session, file_id: str) -> AdministrativeFile:
    found = db.get(AdministrativeFile, file_id)
    assert found is not None
    db.refresh(found)
    return found


def required_application(client: FlaskClient, db: Session,
                         token_for: Headers) -> RequiredApplication:
    """Ana's application, its file, and the requirement its process made on ``MADE``."""
    if 2027 not in deadlines.covered_years(db):
        deadlines.seed_holidays(db, {2027})
    deadlines.add_local_holiday(db, day=HOLIDAY, actor="admin", names={
        "es": "Fiesta local", "ca": "Festa local", "en": "Local holiday"})
    processing.deploy_model(db, CALLER, actor="admin")
    with frozen_at(MADE):
        sent = send_application(client, token_for)
    number = sent["file"]["number"]
    file_id = db.scalar(select(AdministrativeFile.id).where(AdministrativeFile.number == number))
    assert file_id is not None
    made = files.list_requirements(db, file_id)
    assert len(made) == 1, made
    return RequiredApplication(sent["id"], file_id, number, made[0])
