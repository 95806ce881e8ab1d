"""The processing API: deploying process models and migrating their running instances
(admins), and the task list of clerks: list, claim, unclaim, reassign and complete user
tasks of their units, and bulk actions on several."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from eoffice import identity
from eoffice.identity import Permission
from eoffice.processing import schemas
from eoffice.processing.models import ProcessInstance, UserTask
from eoffice.processing.services import migration, repository, tasks
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import FieldError, ValidationFailed
from eoffice.shared.i18n import _
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("processing-api", __name__, url_prefix="/api/v1",
                description="Process models (admins) and user tasks (clerks)")


def task_out(task: UserTask, instance: ProcessInstance) -> dict[str, Any]:
    return {
        "id": task.id, "name": task.name, "task": task.spec_id, "lane": task.lane,
        "unit": task.unit_code, "role": task.role, "form": task.form, "due_at": task.due_at,
        "claimed_by": task.claimed_by, "state": task.state, "created_at": task.created_at,
        "process": {"instance": instance.id, "model": instance.model_key,
                    "sha256": instance.model_sha256, "subject_kind": instance.subject_kind,
                    "subject_id": instance.subject_id, "instance_version": instance.version},
    }


@blp.route("/process-models")
class ProcessModels(MethodView):
    @blp.response(201, schemas.DeployedOut)
    @blp.alt_response(200, schema=schemas.DeployedOut, success=True,
                      description="this content was already deployed: the same version")
    @blp.doc(requestBody={"content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary",
                                "description": "BPMN 2.0 XML"},
                       "dmn": {"type": "array", "items": {"type": "string",
                                                          "format": "binary"}}}}}}})
    @problem_responses(blp, 401, 403, 413, 422)
    def post(self) -> tuple[dict[str, Any], int]:
        """Validate and deploy a BPMN model (``processes.manage``): 201 with the new
        version, 200 with the existing one when the content is already deployed, 422
        naming the element ids (``errors[].field``) of every problem."""
        principal = identity.require_permission(Permission.MANAGE_PROCESSES)
        upload = request.files.get("file")
        if upload is None:
            raise ValidationFailed(errors=[FieldError("file", "Attach a BPMN file.",
                                                      "required")])
        bpmn = upload.stream.read(repository.MAX_MODEL_BYTES + 1)
        dmn = [table.stream.read(repository.MAX_MODEL_BYTES + 1)
               for table in request.files.getlist("dmn")]
        with unit_of_work() as db:
            done = repository.deploy_model(db, bpmn, dmn=dmn, actor=principal.login)
        body = {"key": done.key, "version": done.version, "sha256": done.sha256,
                "created": done.created}
        return body, 201 if done.created else 200


@blp.route("/process-models/<key>/migrations")
class Migrations(MethodView):
    @blp.arguments(schemas.MigrationIn)
    @blp.response(200, schemas.MigrationOut)
    @problem_responses(blp, 401, 403, 404, 422)
    def post(self, args: dict[str, Any], key: str) -> dict[str, Any]:
        """Move running instances of the model to another version (``processes.manage``).
        ``dry_run`` (the default) only says which instances can move and why others
        cannot; otherwise those that can move are moved, each on its own, audited
        (``processing.instance_migrated``), and the others are left as they were. At most
        200 instances per call (the oldest first): ``left_out`` says how many more wait
        for another call."""
        principal = identity.require_permission(Permission.MANAGE_PROCESSES)
        with unit_of_work() as db:
            report = migration.migrate_instances(
                db, key[:120], to_version=args["to_version"], instance_ids=args["instances"],
                dry_run=args["dry_run"], actor=principal.login)
        return {"key": report.key, "to_version": report.to_version,
                "dry_run": report.dry_run, "items": [vars(item) for item in report.items],
                "left_out": report.left_out}


@blp.route("/tasks")
class Tasks(MethodView):
    @blp.arguments(schemas.TaskListArgs, location="query")
    @blp.response(200, schemas.TaskPage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Open user tasks of my units and roles, soonest due first."""
        principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
        with reader() as db:
            page = tasks.list_tasks_for(db, principal, page=args["page"],
                                        page_size=args["page_size"])
            return {"items": [task_out(t, i) for t, i in page.items], "total": page.total,
                    "total_capped": page.total_capped}


def _one(task: UserTask) -> dict[str, Any]:
    instance = task.instance_id
    with reader() as db:
        row = db.get(ProcessInstance, instance)
        assert row is not None
        return task_out(task, row)


@blp.route("/tasks/<task_id>/claim")
class ClaimTask(MethodView):
    @blp.response(200, schemas.TaskOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def post(self, task_id: str) -> dict[str, Any]:
        """Claim a task: the others of the unit see who works on it (409 if taken)."""
        principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
        with unit_of_work() as db:
            task = tasks.claim_task(db, task_id, principal)
        return _one(task)


@blp.route("/tasks/<task_id>/unclaim")
class UnclaimTask(MethodView):
    @blp.response(200, schemas.TaskOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def post(self, task_id: str) -> dict[str, Any]:
        """Give a claimed task back to the unit."""
        principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
        with unit_of_work() as db:
            task = tasks.unclaim_task(db, task_id, principal)
        return _one(task)


@blp.route("/tasks/<task_id>/complete")
class CompleteTask(MethodView):
    @blp.arguments(schemas.CompleteIn)
    @blp.response(200, schemas.TaskOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], task_id: str) -> dict[str, Any]:
        """Complete a task with ``data`` (process variables); the process runs on until
        it waits. 409 when the task is no longer open, claimed by someone else, or the
        process changed meanwhile; 422 when a step of the model fails (element named)."""
        principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
        with unit_of_work() as db:
            task = tasks.complete_task(db, task_id, principal, data=args["data"],
                                       expected_version=args["instance_version"])
        return _one(task)


@blp.route("/tasks/<task_id>/reassign")
class ReassignTask(MethodView):
    @blp.arguments(schemas.ReassignIn)
    @blp.response(200, schemas.TaskOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], task_id: str) -> dict[str, Any]:
        """Give the task to ``to`` (null: back to the unit) with a ``reason``. Whoever
        holds the task or a head of its unit may; ``to`` must be able to claim it (422)."""
        principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
        with unit_of_work() as db:
            task = tasks.reassign_task(db, task_id[:36], principal, to_login=args["to"],
                                       reason=args["reason"])
        return _one(task)


@blp.route("/tasks/bulk")
class BulkTasks(MethodView):
    @blp.arguments(schemas.BulkIn)
    @blp.response(200, schemas.BulkOut)
    @problem_responses(blp, 401, 403, 409, 422)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Claim, release or reassign several tasks with one ``reason``: all or nothing.
        409 ``processing.bulk_refused`` names every refused task (``errors[].field``)."""
        principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
        if args["action"] != "reassign" and args["to"] is not None:
            raise ValidationFailed(errors=[FieldError(
                "to", _("Only a reassignment has a new holder."), "invalid")])
        with unit_of_work() as db:
            done = tasks.bulk_act(db, args["tasks"], principal, action=args["action"],
                                  reason=args["reason"], to_login=args["to"])
        with reader() as db:
            rows = {row.id: row for row in db.scalars(select(ProcessInstance).where(
                ProcessInstance.id.in_({task.instance_id for task in done})))}
            return {"items": [task_out(task, rows[task.instance_id]) for task in done]}
