"""files: the phase of a file (as the parties see it) and requirements to interested parties

Revision ID: 0016
Revises: 0015
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('files_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phase', sa.String(length=30), server_default='in_process', nullable=False))
        batch_op.add_column(sa.Column('phase_changed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('files_file', schema=None) as batch_op:
        batch_op.drop_column('phase_changed_at')
        batch_op.drop_column('phase')
