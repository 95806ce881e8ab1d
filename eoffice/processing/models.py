"""Tables of the processing context: model versions, instances, the open-task projection
and the intents of operators whose context is not ready yet."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, validates

from eoffice.shared.db import Base, UTCDateTime


class ModelStatus(enum.StrEnum):
    PUBLISHED = "published"
    RETIRED = "retired"


class InstanceStatus(enum.StrEnum):
    RUNNING = "running"  # waiting for people, messages or timers
    COMPLETED = "completed"
    ERROR = "error"  # a step failed in the worker: see ``error``


class TaskState(enum.StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class ProcessModelVersion(Base):
    """One immutable version of a process model: BPMN (and DMN) as uploaded, by hash."""

    __tablename__ = "processing_model_version"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    bpmn: Mapped[str] = mapped_column(Text)
    dmn: Mapped[list[str]] = mapped_column(JSON, default=list)
    processes: Mapped[list[str]] = mapped_column(JSON, default=list)
    calls: Mapped[list[str]] = mapped_column(JSON, default=list)
    user_tasks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=ModelStatus.PUBLISHED)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProcessInstance(Base):
    """A running (or finished) process for a subject, pinned to the model version it
    started with; ``state`` is SpiffWorkflow's serialisation. ``version`` guards every
    write (optimistic locking): a stale writer gets a conflict, never a lost update."""

    __tablename__ = "processing_instance"
    __table_args__ = (
        Index("ix_processing_instance_subject", "subject_kind", "subject_id"),
        Index("ix_processing_instance_status_wake_at", "status", "wake_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    model_version_id: Mapped[int] = mapped_column(ForeignKey("processing_model_version.id"))
    model_key: Mapped[str] = mapped_column(String(120))
    model_sha256: Mapped[str] = mapped_column(String(64))
    pins: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    subject_kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(80))
    unit_code: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(Text)
    user_tasks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    wake_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __mapper_args__ = {"version_id_col": version}


NO_DUE_DATE = datetime(9999, 12, 31, tzinfo=UTC)
"""The sort key of a task without a due date: after every dated one."""


def due_order_of(due_at: datetime | None) -> datetime:
    """The task list's sort key for ``due_at``: itself, or :data:`NO_DUE_DATE`."""
    return NO_DUE_DATE if due_at is None else due_at


class UserTask(Base):
    """Projection of a user task of an instance, for task lists (the state is the truth).

    ``due_order`` is ``due_at`` or :data:`NO_DUE_DATE`, kept in step whenever ``due_at``
    is set, so the list's order (soonest due first, undated last, then by creation) is
    the order of the index ``ix_processing_task_list``."""

    __tablename__ = "processing_task"
    __table_args__ = (
        Index("ix_processing_task_unit_state_due", "unit_code", "state", "due_at"),
        Index("ix_processing_task_claimed_state", "claimed_by", "state"),
        Index("ix_processing_task_list", "unit_code", "state", "role", "due_order",
              "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # SpiffWorkflow task id
    instance_id: Mapped[str] = mapped_column(ForeignKey("processing_instance.id"), index=True)
    spec_id: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(300))
    lane: Mapped[str | None] = mapped_column(String(120))
    unit_code: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(40))
    form: Mapped[str | None] = mapped_column(String(120))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    state: Mapped[str] = mapped_column(String(20))
    completed_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    due_order: Mapped[datetime] = mapped_column(UTCDateTime(), default=NO_DUE_DATE)

    @validates("due_at")
    def _keep_due_order(self, _key: str, due_at: datetime | None) -> datetime | None:
        self.due_order = due_order_of(due_at)
        return due_at


class Intent(Base):
    """What a service task asked of a context that cannot act on it yet."""

    __tablename__ = "processing_intent"

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[str] = mapped_column(ForeignKey("processing_instance.id"), index=True)
    element_id: Mapped[str] = mapped_column(String(120))
    operator: Mapped[str] = mapped_column(String(60))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
