"""documents: when and why a version's content was destroyed (disposition)

Revision ID: 0026
Revises: 0025
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('destroyed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('destroyed_reason', sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('documents_version', schema=None) as batch_op:
        batch_op.drop_column('destroyed_reason')
        batch_op.drop_column('destroyed_at')
