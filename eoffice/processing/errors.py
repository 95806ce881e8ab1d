"""Errors of the processing context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class InvalidModel(DomainError):
    """The uploaded model cannot be deployed; ``errors`` name the elements (``field``)."""

    code = "processing.invalid_model"
    status = 422
    title = _l("The process model is not valid: nothing was deployed.")


class UnknownModel(DomainError):
    code = "processing.unknown_model"
    status = 404
    title = _l("There is no such process model.")


class UnknownTask(DomainError):
    """Also what a task of another unit looks like: its existence is not revealed."""

    code = "processing.unknown_task"
    status = 404
    title = _l("There is no such task.")


class NotYourLane(DomainError):
    code = "processing.not_your_lane"
    status = 403
    title = _l("This task is for another role of the unit.")


class TaskNotReady(DomainError):
    code = "processing.task_not_ready"
    status = 409
    title = _l("This task is no longer open: someone completed it or the process moved on.")


class TaskClaimed(DomainError):
    code = "processing.task_claimed"
    status = 409
    title = _l("Someone else has claimed this task.")


class InstanceChanged(DomainError):
    code = "processing.instance_changed"
    status = 409
    title = _l("The process changed while you were working on it: reload and try again.")


class StepFailed(DomainError):
    """A step of the model failed; ``errors`` name the element and the real cause."""

    code = "processing.step_failed"
    status = 422
    title = _l("A step of the process failed: nothing was changed.")


class NoWaitingInstance(DomainError):
    code = "processing.no_waiting_instance"
    status = 409
    title = _l("No process of this subject is waiting for this message: nothing was changed.")


class NotTaskHolder(DomainError):
    code = "processing.not_task_holder"
    status = 403
    title = _l("Only whoever holds this task or a head of its unit may reassign it.")


class BulkRefused(DomainError):
    """Some tasks of a bulk action were refused; ``errors`` name each (field: task id)."""

    code = "processing.bulk_refused"
    status = 409
    title = _l("Some of the tasks cannot be acted on: nothing was changed.")


class InvalidTaskData(DomainError):
    """The data given to complete a task breaks its form or declared fields; ``errors``
    name each field (``field`` is the answer's path)."""

    code = "processing.invalid_task_data"
    status = 422
    title = _l("The task's data is not valid: nothing was changed.")
