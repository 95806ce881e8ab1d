"""Admin pages of process models (``/admin/process-models``): the models with their
versions, one page per model with its diagram, and the editor (the bpmn-js modeler, or
the XML and a file upload without JavaScript) where a model is validated (problems by
element id), test-run with sample data (nothing kept) and published as a new version.
Only holders of ``processes.manage`` see any of it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.identity import Permission, Principal
from eoffice.processing.bpmn import Problem
from eoffice.processing.errors import InvalidModel, UnknownModel
from eoffice.processing.models import InstanceStatus, ProcessInstance, ProcessModelVersion
from eoffice.processing.services import repository, test_run
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _

bp = Blueprint("processing_admin", __name__, url_prefix="/admin/process-models",
               template_folder="templates")
MIGRATION_ENDPOINT = "processing_migration.migration"
ACTIONS = ("validate", "test_run", "publish")
STARTER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
                  id="Definitions_new_process" targetNamespace="http://eoffice.example/bpmn">
  <bpmn:process id="new_process" name="New process" isExecutable="true">
    <bpmn:startEvent id="StartEvent_start" name="Start"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_new_process">
    <bpmndi:BPMNPlane id="Plane_new_process" bpmnElement="new_process">
      <bpmndi:BPMNShape id="StartEvent_start_di" bpmnElement="StartEvent_start">
        <dc:Bounds x="180" y="160" width="36" height="36"/>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""


@dataclass(frozen=True)
class VersionRow:
    """One version of a model as the lists show it."""

    key: str
    version: int
    sha256: str
    source: str
    status: str
    created_by: str
    created_at: datetime
    running: int


def manager() -> Principal:
    return identity.require_permission(Permission.MANAGE_PROCESSES)


@bp.before_request
def _only_process_managers() -> None:
    manager()


def list_versions(session: Session, key: str | None = None) -> list[VersionRow]:
    """Every version (of ``key``, or of all models), newest first, with the number of
    its running instances."""
    running = (select(ProcessInstance.model_version_id, func.count().label("n"))
               .where(ProcessInstance.status == InstanceStatus.RUNNING)
               .group_by(ProcessInstance.model_version_id).subquery())
    model = ProcessModelVersion
    query = (select(model.key, model.version, model.sha256, model.source, model.status,
                    model.created_by, model.created_at, func.coalesce(running.c.n, 0))
             .outerjoin(running, running.c.model_version_id == model.id)
             .order_by(model.key, model.version.desc()))
    if key is not None:
        query = query.where(model.key == key)
    return [VersionRow(*row) for row in session.execute(query)]


def _version(session: Session, key: str, number: int | None) -> ProcessModelVersion:
    query = select(ProcessModelVersion).where(ProcessModelVersion.key == key)
    if number is not None:
        query = query.where(ProcessModelVersion.version == number)
    found = session.scalars(query.order_by(ProcessModelVersion.version.desc()).limit(1)).first()
    if found is None:
        raise UnknownModel()
    return found


def _migration_url(key: str) -> str | None:
    """The migration page of another part of processing, once it is there."""
    if MIGRATION_ENDPOINT not in current_app.view_functions:
        return None
    return url_for(MIGRATION_ENDPOINT, key=key)


@bp.get("")
def models() -> ResponseReturnValue:
    with reader() as db:
        rows = list_versions(db)
    by_key: dict[str, list[VersionRow]] = {}
    for row in rows:
        by_key.setdefault(row.key, []).append(row)
    return render_template("processing/admin/models.html", models=by_key)


@bp.get("/<key>")
def model(key: str) -> ResponseReturnValue:
    return _model_page(key, None)


@bp.get("/<key>/versions/<int:number>")
def version(key: str, number: int) -> ResponseReturnValue:
    return _model_page(key, number)


def _model_page(key: str, number: int | None) -> ResponseReturnValue:
    with reader() as db:
        shown = _version(db, key[:120], number)
        versions = list_versions(db, shown.key)
        xml = shown.bpmn
    return render_template("processing/admin/model.html", key=shown.key, shown=shown,
                           xml=xml, versions=versions, latest=versions[0].version,
                           migration_url=_migration_url(shown.key))


@bp.get("/new")
def new_model() -> ResponseReturnValue:
    return _editor(xml=STARTER, key=None)


@bp.get("/<key>/edit")
def edit(key: str) -> ResponseReturnValue:
    """The editor on a version (the latest, or ``?from=n``): saving makes a new one."""
    number = request.args.get("from", type=int)
    with reader() as db:
        base = _version(db, key[:120], number)
        xml, base_key = base.bpmn, base.key
    return _editor(xml=xml, key=base_key)


def _editor(*, xml: str, key: str | None, status: int = 200, sample: str = "{}",
            problems: list[Problem] | None = None,
            report: test_run.TrialReport | None = None,
            checked: bool = False) -> ResponseReturnValue:
    return render_template("processing/admin/editor.html", xml=xml, key=key, sample=sample,
                           problems=problems or [], report=report, checked=checked,
                           outcome=test_run.Outcome), status


def _submitted_model() -> tuple[bytes, bool]:
    """The model of the form: the uploaded file when one is given, else the XML field."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        return upload.stream.read(repository.MAX_MODEL_BYTES + 1), True
    return request.form.get("bpmn", "").encode("utf-8"), False


def _sample(text: str) -> tuple[dict[str, Any] | None, Problem | None]:
    try:
        value = json.loads(text or "{}")
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep
        return None, Problem("sample", _("The sample data is not valid JSON: %(reason)s",
                                         reason=str(exc)[:200]), "processing.invalid_sample")
    if not isinstance(value, dict):
        return None, Problem("sample", _("The sample data must be a JSON object."),
                             "processing.invalid_sample")
    return value, None


@bp.post("/editor")
def act() -> ResponseReturnValue:
    """Validate, test-run or publish the model of the form: the button pressed says which."""
    principal = manager()
    action = request.form.get("action", "validate")
    action = action if action in ACTIONS else "validate"
    key = request.form.get("key", "")[:120] or None
    bpmn, uploaded = _submitted_model()
    sample_text = request.form.get("sample", "{}")[:20_000]
    shown = bpmn.decode("utf-8", errors="replace") if len(bpmn) <= repository.MAX_MODEL_BYTES \
        else ""
    if uploaded:  # what was uploaded is what the editor shows from now on
        key = None
    if action == "publish":
        return _publish(bpmn, shown, key, principal, sample_text)
    if action == "test_run":
        sample, problem = _sample(sample_text)
        if problem is not None or sample is None:
            return _editor(xml=shown, key=key, sample=sample_text, problems=[problem]
                           if problem else [], status=422)
        with unit_of_work() as db:
            report = test_run.run_trial(db, bpmn, sample=sample, actor=principal.login)
        return _editor(xml=shown, key=key, sample=sample_text, report=report,
                       problems=report.problems,
                       status=422 if report.outcome == test_run.Outcome.INVALID else 200)
    with reader() as db:
        inspection = repository.check_model(db, bpmn)
    return _editor(xml=shown, key=key, sample=sample_text, problems=inspection.problems,
                   checked=True, status=422 if inspection.problems else 200)


def _publish(bpmn: bytes, shown: str, key: str | None, principal: Principal,
             sample_text: str) -> ResponseReturnValue:
    try:
        with unit_of_work() as db:
            done = repository.deploy_model(db, bpmn, actor=principal.login, source="upload")
    except InvalidModel as exc:
        problems = [Problem(error.field, error.message, error.code) for error in exc.errors]
        return _editor(xml=shown, key=key, sample=sample_text, problems=problems,
                       checked=True, status=422)
    if done.created:
        flash(_("Published as version %(version)s of %(key)s.", version=done.version,
                key=done.key), "success")
        return redirect(url_for(".version", key=done.key, number=done.version), code=303)
    flash(_("This content is already published as version %(version)s of %(key)s: nothing "
            "changed.", version=done.version, key=done.key), "info")
    return redirect(url_for(".version", key=done.key, number=done.version), code=303)
