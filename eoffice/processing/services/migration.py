"""Moving running instances of a process model to another version of it.

SpiffWorkflow's diff (``SpiffWorkflow.bpmn.util.diff``) aligns the tasks of an instance,
and of each process it called, with the target version; :func:`check_move` turns what it
finds into reasons in words, and :func:`migrate_instances` rewrites the state of those
that can move (``migrate_workflow``), each in its own savepoint, with the pins and the
open-task projection updated and the audit event ``processing.instance_migrated``.

An instance cannot move when a step it waits on, or has done, is not in the target
version; when a step it waits on becomes another kind of step; or when the flow after a
step it has done (or a called process still running) changed, since it would skip the
new steps. A dry run tries the move in memory only: nothing is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn.util.diff import SpecDiff, WorkflowDiff, migrate_workflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.specs.defaults import UserTask as SpiffUserTask
from SpiffWorkflow.util.task import TaskState as SpiffState
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.processing import engine
from eoffice.processing.models import (
    InstanceStatus,
    ProcessInstance,
    ProcessModelVersion,
    TaskState,
    UserTask,
)
from eoffice.processing.services import instances
from eoffice.processing.services.repository import get_latest_version
from eoffice.processing.services.specs import Specs, build_specs
from eoffice.shared.errors import DomainError, FieldError, ValidationFailed
from eoffice.shared.i18n import _

WAITS = SpiffState.READY | SpiffState.WAITING | SpiffState.ERROR
DONE = SpiffState.COMPLETED | SpiffState.CANCELLED
FUTURE = SpiffState.FUTURE | SpiffState.PREDICTED_MASK
MAX_REASONS = 10


@dataclass
class MigrationItem:
    """What happened (or would happen) to one instance."""

    instance: str
    subject_kind: str
    subject_id: str
    from_version: int
    can_move: bool
    reasons: list[str] = field(default_factory=list)
    migrated: bool = False


@dataclass
class MigrationReport:
    key: str
    to_version: int
    dry_run: bool
    items: list[MigrationItem]


def target_version(session: Session, key: str, to_version: int | None) -> ProcessModelVersion:
    """The version to move to (the latest when None); 404 unknown key, 422 unknown version."""
    latest = get_latest_version(session, key)
    if to_version is None or to_version == latest.version:
        return latest
    row = session.scalars(select(ProcessModelVersion).where(
        ProcessModelVersion.key == key, ProcessModelVersion.version == to_version)).first()
    if row is None:
        raise ValidationFailed(errors=[FieldError(
            "to_version", _("There is no version %(version)s of this model.",
                            version=to_version), "processing.unknown_version")])
    return row


def _element(task: Any) -> str:
    spec = task.task_spec
    return str(getattr(spec, "bpmn_id", None) or spec.name)


def _gone(task: Any, diff: SpecDiff) -> bool:
    """The task's step is not in the new version (not aligned, or aligned to another id)."""
    new = diff.alignment.get(task.task_spec)
    return new is None or new.name != task.task_spec.name


def _task_reasons(task: Any, diff: SpecDiff, version: int, where: str) -> list[str]:
    """Why this one task stops the move (empty: it does not)."""
    gone = _gone(task, diff)
    changes = diff.changed.get(task.task_spec, [])
    names = {"task": _element(task), "version": version, "where": where}
    if task.has_state(WAITS | SpiffState.STARTED) and gone:
        return [_("%(where)s waits on %(task)s, which is not in version %(version)s.",
                  **names)]
    if task.has_state(WAITS) and "typename" in changes:
        return [_("%(where)s waits on %(task)s, which is another kind of step in version "
                  "%(version)s.", **names)]
    if task.has_state(SpiffState.STARTED) and "outputs" in changes:
        return [_("%(where)s is inside %(task)s, and the steps after it changed in version "
                  "%(version)s: let it finish first.", **names)]
    if task.has_state(DONE) and gone:
        return [_("%(where)s has done %(task)s, which is not in version %(version)s "
                  "(its history would be lost).", **names)]
    explained = any(child.has_state(WAITS) and _gone(child, diff) for child in task.children)
    if task.has_state(SpiffState.COMPLETED) and "outputs" in changes and not explained:
        return [_("%(where)s has passed %(task)s, and the steps after it changed in version "
                  "%(version)s: it would skip them.", **names)]
    return []


def _reasons(workflow: Any, diff: SpecDiff, version: int, where: str) -> list[str]:
    found: list[str] = []
    for task in workflow.get_tasks(skip_subprocesses=True, max_depth=engine.DEEPEST):
        for reason in _task_reasons(task, diff, version, where):
            if reason not in found:
                found.append(reason)
    return found


def _predict_again(workflow: BpmnWorkflow) -> None:
    """``migrate_workflow`` predicts again only below the tasks it resets (ready and
    waiting ones); the steps predicted after a running call activity would still follow
    the old version, so each predicted branch is grown again from the new specs."""
    for task in engine.tasks_in(workflow, FUTURE):
        if task.parent is not None and not task.parent.has_state(FUTURE):
            task._drop_children(force=True)
            task.task_spec._predict(task, mask=FUTURE)


@dataclass
class _Plan:
    reasons: list[str]
    workflow: BpmnWorkflow | None = None


def _move(workflow: BpmnWorkflow, specs: Specs, version: int) -> _Plan:
    """Diff the instance (and each process it called) against ``specs``; when nothing
    stops it, migrate the workflow in memory and check that its state can be restored."""
    registry = engine.SERIALIZER.registry
    top = SpecDiff(registry, workflow.spec, specs.spec)
    reasons = _reasons(workflow, top, version, _("The instance"))
    subs: dict[Any, tuple[SpecDiff, Any]] = {}
    for sp_id, sub in workflow.subprocesses.items():
        where = _("Its called process %(process)s", process=sub.spec.name)
        new_spec = specs.subprocess_specs.get(sub.spec.name)
        if new_spec is None:
            reasons.append(_("%(where)s is not part of version %(version)s.", where=where,
                             version=version))
            continue
        subs[sp_id] = (SpecDiff(registry, sub.spec, new_spec), new_spec)
        reasons.extend(r for r in _reasons(sub, subs[sp_id][0], version, where)
                       if r not in reasons)
    if reasons:
        return _Plan(reasons[:MAX_REASONS])
    timers = {task.id: dict(task.internal_data)
              for task in engine.tasks_in(workflow, SpiffState.WAITING)}
    migrate_workflow(WorkflowDiff(workflow, top), workflow, specs.spec)
    for sp_id, (diff, new_spec) in subs.items():
        sub = workflow.subprocesses[sp_id]
        migrate_workflow(WorkflowDiff(sub, diff), sub, new_spec)
    workflow.subprocess_specs = specs.subprocess_specs
    _predict_again(workflow)
    for task in engine.tasks_in(workflow, SpiffState.WAITING):
        if task.id in timers:  # a timer keeps its moment; it does not start again
            task.internal_data.update(timers[task.id])
    try:
        engine.restore(engine.dump(workflow), context=None)
    except Exception as exc:  # SpiffWorkflow refuses the state: say so, move nothing
        return _Plan([_("The state of the instance does not fit version %(version)s: "
                        "%(cause)s", version=version, cause=f"{type(exc).__name__}: {exc}")])
    return _Plan([], workflow)


def check_move(session: Session, row: ProcessInstance, target: ProcessModelVersion,
               specs: Specs, *, actor: str) -> _Plan:
    """Whether ``row`` can move to ``target`` (reasons when not), nothing stored."""
    if row.status != InstanceStatus.RUNNING:
        return _Plan([_("The instance is not running (%(status)s).", status=row.status)])
    if row.model_version_id == target.id:
        return _Plan([_("The instance already runs version %(version)s.",
                        version=target.version)])
    workflow = instances.load_workflow(session, row, actor)
    try:
        return _move(workflow, specs, target.version)
    except Exception as exc:  # SpiffWorkflow could not compare: the instance stays put
        return _Plan([_("The instance could not be compared with version %(version)s: "
                        "%(cause)s", version=target.version,
                        cause=f"{type(exc).__name__}: {str(exc)[:200]}")])


def _refresh_open_tasks(session: Session, row: ProcessInstance, workflow: BpmnWorkflow) -> None:
    """Open tasks that stay open take the name, lane, unit, role and form of the target
    version; whoever held one keeps it unless its unit or role changed."""
    ready = {str(task.id): task for task in engine.tasks_in(workflow, SpiffState.READY)
             if isinstance(task.task_spec, SpiffUserTask)}
    for task_row in session.scalars(select(UserTask).where(
            UserTask.instance_id == row.id, UserTask.state == TaskState.OPEN)):
        task = ready.get(task_row.id)
        if task is None:
            continue  # instances.save cancels it
        unit, role, mapping = instances._assignment(row, task)
        if (unit, role) != (task_row.unit_code, task_row.role):
            task_row.claimed_by = None
        task_row.spec_id = task.task_spec.bpmn_id
        task_row.name = str(task.task_spec.bpmn_name or task.task_spec.bpmn_id)[:300]
        task_row.lane = mapping.get("lane_name") or mapping.get("lane")
        task_row.unit_code, task_row.role, task_row.form = unit, role, mapping.get("form")


def _apply(session: Session, row: ProcessInstance, workflow: BpmnWorkflow,
           target: ProcessModelVersion, specs: Specs, *, from_version: int,
           actor: str) -> None:
    source = {"version": from_version, "sha256": row.model_sha256, "pins": dict(row.pins)}
    workflow = engine.restore(engine.dump(workflow),
                              context=instances._context(session, row, actor))
    row.model_version_id, row.model_sha256 = target.id, target.sha256
    row.pins, row.user_tasks = specs.pins, specs.user_tasks
    instances.run_until_waiting(workflow)
    _refresh_open_tasks(session, row, workflow)
    instances.save(session, row, workflow)
    audit.record_event(session, "processing.instance_migrated", actor=actor,
                       object_type="process_instance", object_id=row.id,
                       unit_code=row.unit_code,
                       data={"from": f"{target.key}/{from_version}",
                             "to": f"{target.key}/{target.version}",
                             "from_sha256": source["sha256"], "to_sha256": target.sha256,
                             "from_pins": source["pins"], "to_pins": specs.pins})


def _chosen(session: Session, key: str, ids: Sequence[str] | None,
            target: ProcessModelVersion) -> list[ProcessInstance]:
    query = select(ProcessInstance).where(ProcessInstance.model_key == key)
    if ids is None:
        query = query.where(ProcessInstance.status == InstanceStatus.RUNNING,
                            ProcessInstance.model_version_id != target.id)
        return list(session.scalars(query.order_by(ProcessInstance.created_at,
                                                   ProcessInstance.id)))
    wanted = list(dict.fromkeys(ids))
    found = {row.id: row for row in session.scalars(
        query.where(ProcessInstance.id.in_(wanted)))}
    unknown = [value for value in wanted if value not in found]
    if unknown:
        raise ValidationFailed(errors=[FieldError(
            "instances", _("Not instances of this model: %(ids)s", ids=", ".join(unknown[:5])),
            "processing.unknown_instance")])
    return [found[value] for value in wanted]


def migrate_instances(session: Session, key: str, *, to_version: int | None = None,
                      instance_ids: Sequence[str] | None = None, dry_run: bool = True,
                      actor: str) -> MigrationReport:
    """Every running instance of ``key`` on another version (or the ``instance_ids``
    chosen): can it move to ``to_version`` (default the latest) and why not; unless
    ``dry_run``, move those that can, each in its own savepoint."""
    target = target_version(session, key, to_version)
    specs = build_specs(session, target)
    versions = {number_id: number for number_id, number in session.execute(
        select(ProcessModelVersion.id, ProcessModelVersion.version)
        .where(ProcessModelVersion.key == key))}
    items: list[MigrationItem] = []
    for row in _chosen(session, key, instance_ids, target):
        from_version = versions.get(row.model_version_id, 0)
        plan = check_move(session, row, target, specs, actor=actor)
        item = MigrationItem(instance=row.id, subject_kind=row.subject_kind,
                             subject_id=row.subject_id, from_version=from_version,
                             can_move=plan.workflow is not None, reasons=plan.reasons)
        items.append(item)
        if dry_run or plan.workflow is None:
            continue
        try:
            with session.begin_nested():
                _apply(session, row, plan.workflow, target, specs,
                       from_version=from_version, actor=actor)
        except DomainError as exc:
            session.refresh(row)
            item.can_move = False
            detail = exc.errors[0].message if exc.errors else str(exc.title)
            item.reasons = [_("Moving it failed, nothing was changed: %(cause)s", cause=detail)]
        else:
            item.migrated = True
    return MigrationReport(key=target.key, to_version=target.version, dry_run=dry_run,
                           items=items)
