"""Steps of the scenario tests, as the people of the demo city take them: a file opened
for a procedure (its process starts through the worker, as after a registration), tasks
completed by the clerk of the right unit, the resolution signed or rejected in the tray
by the official, and what the file shows afterwards."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice import documents, files, identity, processing
from eoffice.files.models import AdministrativeFile
from eoffice.identity import Principal
from eoffice.processing.models import InstanceStatus, ProcessInstance, TaskState, UserTask
from eoffice.processing.services import tasks
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from tests.conftest import run_worker

ANA = {"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
       "role": "interested"}


def principal(db: Session, login: str) -> Principal:
    return identity.load_principal(db, identity.get_account(db, login),
                                   authenticated_by="test")


def open_file(app: Flask, db: Session, *, procedure: str | None, case: str | None, unit: str,
              subject: str) -> str:
    """A file of ``unit`` for ana's application; the worker starts the case's process
    (the hand-off after registration). The file's id."""
    db.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
               .values(status=OutboxStatus.DONE))  # only this test's work is delivered
    opened = files.open_file(db, files.NewFile(
        unit_code=unit, subject=subject, parties=[ANA], procedure=procedure, case=case),
        actor="registrar")
    db.flush()
    run_worker(app)
    db.expire_all()
    return opened.id


def open_tasks(db: Session, file_id: str) -> list[UserTask]:
    """The open user tasks of the file's process."""
    db.expire_all()
    return list(db.scalars(
        select(UserTask).join(ProcessInstance, ProcessInstance.id == UserTask.instance_id)
        .where(UserTask.state == TaskState.OPEN, ProcessInstance.subject_kind == "file",
               ProcessInstance.subject_id == file_id).order_by(UserTask.created_at)))


def waiting_task(db: Session, file_id: str) -> tuple[str, str, str]:
    """(element id, unit, role) of the one task the file waits for."""
    found = open_tasks(db, file_id)
    assert len(found) == 1, [(t.spec_id, t.unit_code) for t in found]
    return found[0].spec_id, found[0].unit_code, found[0].role


def complete(db: Session, file_id: str, element: str, login: str, **data: Any) -> None:
    """``login`` completes the file's open task ``element`` with ``data``."""
    task = next(t for t in open_tasks(db, file_id) if t.spec_id == element)
    tasks.complete_task(db, task.id, principal(db, login), data=data)
    db.flush()


def instance_of(db: Session, file_id: str) -> ProcessInstance:
    db.expire_all()
    return db.scalars(select(ProcessInstance).where(
        ProcessInstance.subject_kind == "file", ProcessInstance.subject_id == file_id)
        .order_by(ProcessInstance.created_at)).first() or _missing(file_id)


def _missing(file_id: str) -> ProcessInstance:
    raise AssertionError(f"no process for file {file_id}")


def waiting_circuit(db: Session, login: str) -> documents.CircuitView:
    """The one circuit in ``login``'s tray now."""
    waiting, _done = documents.list_tray(db, login)
    assert len(waiting) == 1, [c.title for c in waiting]
    return waiting[0]


def sign_in_tray(app: Flask, db: Session, login: str) -> documents.CircuitView:
    """``login`` signs what waits in their tray; the worker passes the news on."""
    circuit = waiting_circuit(db, login)
    prepared = documents.prepare_tray_signature(db, circuit.id, signer=login)
    done = documents.record_tray_signature(db, prepared)
    db.flush()
    run_worker(app)
    db.expire_all()
    return done


def reject_in_tray(app: Flask, db: Session, login: str, reason: str) -> None:
    circuit = waiting_circuit(db, login)
    documents.reject_in_tray(db, circuit.id, signer=login, reason=reason)
    db.flush()
    run_worker(app)
    db.expire_all()


def file_row(db: Session, file_id: str) -> AdministrativeFile:
    db.expire_all()
    found = db.get(AdministrativeFile, file_id)
    assert found is not None
    return found


def documents_of(db: Session, file_id: str) -> list[files.FileDocumentView]:
    return list(files.list_documents(db, file_row(db, file_id)))


def signed_resolution(db: Session, file_id: str) -> documents.DocumentView:
    """The resolution in the file, whose version in the file carries a signature."""
    held = [d for d in documents_of(db, file_id) if d.kind == "resolution"]
    assert held, "no resolution in the file"
    latest = held[-1]
    view = documents.get_document(db, latest.document_id)
    version = next(v for v in view.versions if v.number == latest.version)
    assert version.signatures, "the resolution in the file is not signed"
    return view


def finished(db: Session, file_id: str) -> bool:
    return instance_of(db, file_id).status == InstanceStatus.COMPLETED


def caller(key: str, called: str, *, before: str = "") -> bytes:
    """A process ``key`` that runs ``before`` (a script, e.g. the called process's
    inputs), calls ``called`` and then waits in the clerk task ``Task_after``."""
    script = (f'<bpmn:scriptTask id="Task_before"><bpmn:script>{before}</bpmn:script>'
              "</bpmn:scriptTask>") if before else ""
    first = "Task_before" if before else "CallActivity_called"
    prelude = ('<bpmn:sequenceFlow id="Flow_before" sourceRef="Task_before" '
               'targetRef="CallActivity_called"/>') if before else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
    id="Definitions_{key}" targetNamespace="http://eoffice.example/bpmn">
  <bpmn:process id="{key}" isExecutable="true">
    <bpmn:laneSet id="LaneSet_{key}">
      <bpmn:lane id="Lane_clerks" name="Clerks">
        <bpmn:extensionElements><spiffworkflow:properties>
          <spiffworkflow:property name="unit" value="=unit"/>
          <spiffworkflow:property name="role" value="clerk"/>
        </spiffworkflow:properties></bpmn:extensionElements>
        <bpmn:flowNodeRef>Task_after</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="StartEvent_start"/>
    {script}
    <bpmn:callActivity id="CallActivity_called" calledElement="{called}"/>
    <bpmn:userTask id="Task_after" name="After {called}"/>
    <bpmn:endEvent id="EndEvent_end"/>
    <bpmn:sequenceFlow id="Flow_start" sourceRef="StartEvent_start" targetRef="{first}"/>
    {prelude}
    <bpmn:sequenceFlow id="Flow_called" sourceRef="CallActivity_called" targetRef="Task_after"/>
    <bpmn:sequenceFlow id="Flow_end" sourceRef="Task_after" targetRef="EndEvent_end"/>
  </bpmn:process>
</bpmn:definitions>
""".encode()


def start_caller(db: Session, file_id: str, called: str, *, unit: str = "URB",
                 before: str = "") -> ProcessInstance:
    """Deploy a caller of ``called`` and start it for the file (the file's unit)."""
    key = f"calls_{called}"
    processing.deploy_model(db, caller(key, called, before=before), actor="admin")
    row = processing.start_instance(db, model_key=key, subject_kind="file",
                                    subject_id=file_id, unit_code=unit, actor="test")
    db.flush()
    return row


def notifications_accessed(app: Flask, db: Session, file_id: str, login: str = "ana") -> None:
    """``login`` opens every notification of the file still available to her; the worker
    tells the waiting process (``notification_outcome``) and closes the file if asked."""
    from eoffice import notifications  # noqa: PLC0415

    reader = principal(db, login)
    for made in notifications.notifications_of_file(db, file_row(db, file_id).number):
        if made.state == notifications.NotificationState.AVAILABLE:
            notifications.access_notification(db, made.id, reader)
    db.flush()
    run_worker(app)  # the outcome resumes the process (which may ask for closure)
    run_worker(app)  # the closure asked
    db.expire_all()
