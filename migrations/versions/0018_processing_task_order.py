"""processing: the task list's sort key (due date, undated last) and its index

Revision ID: 0018
Revises: 0017

``processing_task.due_order`` is ``due_at``, or 9999-12-31 for a task without a due date,
so the list of a unit's open tasks for a role (soonest due first, undated last, then by
creation) is read in the order of the index ``ix_processing_task_list`` instead of being
sorted whole. Existing rows are backfilled by :func:`backfill_due_order`.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

NO_DUE_DATE = datetime(9999, 12, 31, tzinfo=UTC)  # eoffice.processing.models.NO_DUE_DATE


def backfill_due_order(connection: sa.engine.Connection) -> None:
    """Set ``due_order`` of every task row: its ``due_at``, or :data:`NO_DUE_DATE`."""
    task = sa.table('processing_task',
                    sa.column('due_at', eoffice.shared.db.UTCDateTime(timezone=True)),
                    sa.column('due_order', eoffice.shared.db.UTCDateTime(timezone=True)))
    connection.execute(sa.update(task).where(task.c.due_at.is_not(None))
                       .values(due_order=task.c.due_at))
    connection.execute(sa.update(task).where(task.c.due_at.is_(None))
                       .values(due_order=NO_DUE_DATE))


def upgrade() -> None:
    with op.batch_alter_table('processing_task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_order', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True))
    backfill_due_order(op.get_bind())
    with op.batch_alter_table('processing_task', schema=None) as batch_op:
        batch_op.alter_column('due_order', existing_type=eoffice.shared.db.UTCDateTime(timezone=True), nullable=False)
        batch_op.create_index('ix_processing_task_list', ['unit_code', 'state', 'role', 'due_order', 'created_at', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('processing_task', schema=None) as batch_op:
        batch_op.drop_index('ix_processing_task_list')
        batch_op.drop_column('due_order')
