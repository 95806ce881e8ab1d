"""The timer poller: SpiffWorkflow fires a timer only when its waiting task is refreshed,
so the worker job refreshes every running instance whose next timer is due (``wake_at``),
each in its own transaction. A step that fails puts the instance in ``error`` with the
real cause; the other instances go on."""

from __future__ import annotations

import logging

from sqlalchemy import select

from eoffice import audit
from eoffice.processing.errors import InstanceChanged, StepFailed
from eoffice.processing.models import InstanceStatus, ProcessInstance
from eoffice.processing.services import instances
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database

log = logging.getLogger(__name__)
TIMER_JOB = "processing.timers"
BATCH = 50
ACTOR = "worker"


def _due(database: Database) -> list[str]:
    with database.reader() as session:
        return list(session.scalars(
            select(ProcessInstance.id)
            .where(ProcessInstance.status == InstanceStatus.RUNNING,
                   ProcessInstance.wake_at <= utcnow())
            .order_by(ProcessInstance.wake_at).limit(BATCH)))


def _fire(database: Database, instance_id: str) -> bool:
    with database.unit_of_work() as session:
        row = session.get(ProcessInstance, instance_id)
        if row is None or row.status != InstanceStatus.RUNNING or row.wake_at is None \
                or row.wake_at > utcnow():
            return False  # another worker got there first
        workflow = instances.load_workflow(session, row, ACTOR)
        instances.run_until_waiting(workflow)
        instances.save(session, row, workflow)
        return True


def _mark_failed(database: Database, instance_id: str, failure: StepFailed) -> None:
    cause = "; ".join(f"{e.field}: {e.message}" for e in failure.errors) or str(failure)
    with database.unit_of_work() as session:
        row = session.get(ProcessInstance, instance_id)
        if row is None:
            return
        row.status = InstanceStatus.ERROR
        row.error = cause[:2000]
        row.updated_at = utcnow()
        audit.record_event(session, "processing.instance_failed", actor=ACTOR,
                           object_type="process_instance", object_id=row.id,
                           unit_code=row.unit_code, data={"cause": cause[:500]})


def run_timer_job(database: Database) -> int:
    """Fire the due timers of up to :data:`BATCH` instances; returns how many moved."""
    moved = 0
    for instance_id in _due(database):
        try:
            moved += _fire(database, instance_id)
        except InstanceChanged:
            log.info("instance %s changed while its timer fired; next round", instance_id)
        except StepFailed as failure:
            log.warning("instance %s failed on a timer: %s", instance_id, failure.errors)
            _mark_failed(database, instance_id, failure)
    return moved
