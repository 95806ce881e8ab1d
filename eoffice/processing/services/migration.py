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

What an instance waits on is in its task tree; what it has done is not (the saved state
forgets the finished history, ADR 0028). The rules on done steps read the record of the
steps each process completed that the saved state keeps (:func:`engine.passed`), so they
decide the same on a workflow restored from the database as on one never saved. An
instance saved before that record existed cannot tell what it has done: it is refused.
A call handles at most :data:`MAX_PER_CALL` instances, the oldest first; the report says
how many were left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn.util.diff import SpecDiff, WorkflowDiff, migrate_workflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.specs.defaults import UserTask as SpiffUserTask
from SpiffWorkflow.util.task import TaskState as SpiffState
from sqlalchemy import func, select
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
FUTURE = SpiffState.FUTURE | SpiffState.PREDICTED_MASK
MAX_REASONS = 10
MAX_PER_CALL = 200


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
    left_out: int = 0


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
    if task.has_state(SpiffState.CANCELLED) and gone:  # completed ones: _done_reasons
        return [_done(_element(task), version, where)]
    return []


def _done(element: str, version: int, where: str) -> str:
    return str(_("%(where)s has done %(task)s, which is not in version %(version)s "
             "(its history would be lost).", where=where, task=element, version=version))


def _done_reasons(steps: Sequence[str], waiting: Sequence[Any], old: Any, diff: SpecDiff,
                  version: int, where: str) -> list[str]:
    """Why the steps a process has completed (its record, :func:`engine.passed`) stop the
    move, ``diff`` comparing its spec ``old`` with the target's; ``waiting``: its tasks
    waiting now (a new step they wait on explains itself)."""
    found: list[str] = []
    for name in steps:
        spec = old.task_specs.get(name)
        element = str(getattr(spec, "bpmn_id", None) or name)
        new = diff.alignment.get(spec) if spec is not None else None
        if new is None or new.name != name:
            found.append(_done(element, version, where))
            continue
        outputs = {output.name for output in spec.outputs}
        explained = any(_gone(task, tree_diff) and task.task_spec.name in outputs
                        for task, tree_diff in waiting)
        if "outputs" in diff.changed.get(spec, []) and not explained:
            found.append(_("%(where)s has passed %(task)s, and the steps after it changed "
                           "in version %(version)s: it would skip them.", where=where,
                           task=element, version=version))
    return found


def _reasons(workflows: Sequence[Any], steps: Sequence[str], old: Any, new: Any,
             version: int, where: str) -> tuple[list[str], SpecDiff]:
    """Why a process (the instance, or the workflows of one called process) cannot move:
    its tasks now, then the steps it has completed; and the diff of its spec ``old``."""
    registry = engine.SERIALIZER.registry
    diff = SpecDiff(registry, old, new)
    found: list[str] = []
    waiting: list[tuple[Any, SpecDiff]] = []
    for workflow in workflows:
        tree_diff = diff if workflow.spec is old else SpecDiff(registry, workflow.spec, new)
        for task in workflow.get_tasks(skip_subprocesses=True, max_depth=engine.DEEPEST):
            waiting.extend([(task, tree_diff)] if task.has_state(WAITS) else [])
            found.extend(reason for reason in _task_reasons(task, tree_diff, version, where)
                         if reason not in found)
    found.extend(reason for reason in _done_reasons(steps, waiting, old, diff, version, where)
                 if reason not in found)
    return found, diff


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
    done = engine.passed(workflow)
    if done is None:
        return _Plan([_("The instance cannot tell which steps it has done: its history was "
                        "not recorded. Let it finish or start it again.")])
    reasons, top = _reasons([workflow], done.pop(workflow.spec.name, []), workflow.spec,
                            specs.spec, version, _("The instance"))
    called = sorted({sub.spec.name for sub in workflow.subprocesses.values()} | set(done))
    for name in called:
        where = _("Its called process %(process)s", process=name)
        subs = [sub for sub in workflow.subprocesses.values() if sub.spec.name == name]
        old_spec = subs[0].spec if subs else workflow.subprocess_specs.get(name)
        new_spec = specs.subprocess_specs.get(name)
        if new_spec is None or old_spec is None:
            reasons.append(_("%(where)s is not part of version %(version)s.", where=where,
                             version=version))
            continue
        found, _diff = _reasons(subs, done.get(name, []), old_spec, new_spec, version, where)
        reasons.extend(reason for reason in found if reason not in reasons)
    if reasons:
        return _Plan(reasons[:MAX_REASONS])
    record = engine.passed(workflow) or {}
    record = {(specs.spec.name if name == workflow.spec.name else name): steps
              for name, steps in record.items()}
    timers = {task.id: dict(task.internal_data)
              for task in engine.tasks_in(workflow, SpiffState.WAITING)}
    migrate_workflow(WorkflowDiff(workflow, top), workflow, specs.spec)
    for sub in workflow.subprocesses.values():
        new_spec = specs.subprocess_specs[sub.spec.name]
        diff = SpecDiff(engine.SERIALIZER.registry, sub.spec, new_spec)
        migrate_workflow(WorkflowDiff(sub, diff), sub, new_spec)
    workflow.subprocess_specs = specs.subprocess_specs
    engine.remember(workflow, record)  # the same steps, under the target's top process
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
        unit, role, mapping = instances.assignment(row, task)
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
                              context=instances.run_context(session, row, actor))
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
            target: ProcessModelVersion) -> tuple[list[ProcessInstance], int]:
    """The instances to handle (at most :data:`MAX_PER_CALL`, the oldest first when none
    are named), and how many more were left out."""
    query = select(ProcessInstance).where(ProcessInstance.model_key == key)
    if ids is None:
        query = query.where(ProcessInstance.status == InstanceStatus.RUNNING,
                            ProcessInstance.model_version_id != target.id)
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = list(session.scalars(query.order_by(ProcessInstance.created_at,
                                                   ProcessInstance.id).limit(MAX_PER_CALL)))
        return rows, max(total - len(rows), 0)
    wanted = list(dict.fromkeys(ids))
    found = {row.id: row for row in session.scalars(
        query.where(ProcessInstance.id.in_(wanted)))}
    unknown = [value for value in wanted if value not in found]
    if unknown:
        raise ValidationFailed(errors=[FieldError(
            "instances", _("Not instances of this model: %(ids)s", ids=", ".join(unknown[:5])),
            "processing.unknown_instance")])
    return [found[value] for value in wanted[:MAX_PER_CALL]], max(len(wanted) - MAX_PER_CALL, 0)


def migrate_instances(session: Session, key: str, *, to_version: int | None = None,
                      instance_ids: Sequence[str] | None = None, dry_run: bool = True,
                      actor: str) -> MigrationReport:
    """Every running instance of ``key`` on another version (or the ``instance_ids``
    chosen; at most :data:`MAX_PER_CALL`, ``left_out`` says how many more): can it move
    to ``to_version`` (default the latest) and why not; unless
    ``dry_run``, move those that can, each in its own savepoint."""
    target = target_version(session, key, to_version)
    specs = build_specs(session, target)
    versions = {number_id: number for number_id, number in session.execute(
        select(ProcessModelVersion.id, ProcessModelVersion.version)
        .where(ProcessModelVersion.key == key))}
    items: list[MigrationItem] = []
    chosen, left_out = _chosen(session, key, instance_ids, target)
    for row in chosen:
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
                           items=items, left_out=left_out)
