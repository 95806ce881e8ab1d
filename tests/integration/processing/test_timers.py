"""Timers fire when the worker's poller finds them due (SpiffWorkflow only fires a timer
when its waiting task is refreshed), on the shared clock that tests freeze."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.processing.models import ProcessInstance, UserTask
from eoffice.shared.clock import frozen_at
from tests.conftest import database
from tests.unit.processing import samples

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MODEL = samples.chain("wait_an_hour", [
    samples.timer_catch("Event_one_hour_later", '"PT1H"'), samples.user_task("Task_follow_up")],
    lanes=[samples.lane("Lane_clerks", ["StartEvent_start", "Event_one_hour_later",
                                        "Task_follow_up", "EndEvent_end"])])


def test_a_timer_fires_once_due_and_not_before(app: Flask, db: Session) -> None:
    processing.deploy_model(db, MODEL, actor="test")
    with frozen_at(T0):
        row = processing.start_instance(db, model_key="wait_an_hour", subject_kind="file",
                                        subject_id="URB/2026/7", unit_code="URB",
                                        actor="test")
    db.flush()
    assert row.wake_at == T0 + timedelta(hours=1)
    assert processing.TIMER_JOB in app.extensions["eoffice.background"].jobs

    def open_tasks() -> list[str]:
        return list(db.scalars(select(UserTask.spec_id).where(
            UserTask.instance_id == row.id, UserTask.state == "open")))

    with frozen_at(T0 + timedelta(minutes=30)):
        assert processing.run_timer_job(database(app)) == 0
    assert open_tasks() == []

    with frozen_at(T0 + timedelta(minutes=61)):
        assert processing.run_timer_job(database(app)) == 1
        assert processing.run_timer_job(database(app)) == 0  # fired once
    db.expire_all()
    assert open_tasks() == ["Task_follow_up"]
    refreshed = db.get(ProcessInstance, row.id)
    assert refreshed is not None and refreshed.wake_at is None


def test_a_failing_timer_step_puts_only_its_instance_in_error(app: Flask, db: Session) -> None:
    failing = samples.chain("wait_then_fail", [
        samples.timer_catch("Event_later", '"PT5M"'),
        samples.script_task("Task_compute", "total = missing_variable + 1")])
    processing.deploy_model(db, failing, actor="test")
    with frozen_at(T0):
        row = processing.start_instance(db, model_key="wait_then_fail", subject_kind="file",
                                        subject_id="URB/2026/8", unit_code="URB",
                                        actor="test")
    db.flush()
    with frozen_at(T0 + timedelta(minutes=6)):
        processing.run_timer_job(database(app))
    db.expire_all()
    failed = db.get(ProcessInstance, row.id)
    assert failed is not None and failed.status == "error"
    assert failed.error is not None
    assert "Task_compute" in failed.error and "missing_variable" in failed.error


GATEWAY_MODEL = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
    id="Definitions_answer_or_ten_days" targetNamespace="http://eoffice.example/bpmn">
  <bpmn:process id="answer_or_ten_days" isExecutable="true">
    <bpmn:laneSet id="LaneSet_1">
      <bpmn:lane id="Lane_clerks" name="Clerks">
        <bpmn:extensionElements><spiffworkflow:properties>
          <spiffworkflow:property name="unit" value="=unit"/>
          <spiffworkflow:property name="role" value="clerk"/>
        </spiffworkflow:properties></bpmn:extensionElements>
        <bpmn:flowNodeRef>Task_withdraw</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="StartEvent_start"/>
    <bpmn:eventBasedGateway id="Gateway_answer_or_expiry"/>
    <bpmn:intermediateCatchEvent id="Event_answered">
      <bpmn:messageEventDefinition messageRef="Message_answered"/>
    </bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="Event_ten_days">
      <bpmn:timerEventDefinition><bpmn:timeDuration>"P10D"</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:userTask id="Task_withdraw" name="Declare the withdrawal"/>
    <bpmn:endEvent id="EndEvent_answered"/>
    <bpmn:endEvent id="EndEvent_withdrawn"/>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_start"
        targetRef="Gateway_answer_or_expiry"/>
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Gateway_answer_or_expiry" targetRef="Event_answered"/>
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Gateway_answer_or_expiry" targetRef="Event_ten_days"/>
    <bpmn:sequenceFlow id="Flow_4" sourceRef="Event_answered" targetRef="EndEvent_answered"/>
    <bpmn:sequenceFlow id="Flow_5" sourceRef="Event_ten_days" targetRef="Task_withdraw"/>
    <bpmn:sequenceFlow id="Flow_6" sourceRef="Task_withdraw" targetRef="EndEvent_withdrawn"/>
  </bpmn:process>
  <bpmn:message id="Message_answered" name="applicant_answered"/>
</bpmn:definitions>
"""


def test_a_timer_racing_a_message_behind_an_event_gateway_wakes_the_instance(
        app: Flask, db: Session) -> None:
    processing.deploy_model(db, GATEWAY_MODEL, actor="test")
    with frozen_at(T0):
        row = processing.start_instance(db, model_key="answer_or_ten_days",
                                        subject_kind="file", subject_id="URB/2026/8",
                                        unit_code="URB", actor="test")
    db.flush()
    assert row.wake_at == T0 + timedelta(days=10)  # the poller knows when to look
    with frozen_at(T0 + timedelta(days=10, minutes=1)):
        assert processing.run_timer_job(database(app)) == 1
    db.expire_all()
    assert list(db.scalars(select(UserTask.spec_id).where(
        UserTask.instance_id == row.id, UserTask.state == "open"))) == ["Task_withdraw"]
