"""bodies: the chair's casting vote on a tie, and the voting members present at each vote

Revision ID: 0028
Revises: 0027
"""

import sqlalchemy as sa
from alembic import op

revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('bodies_agenda_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('casting_vote', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('voters_present', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('bodies_agenda_item', schema=None) as batch_op:
        batch_op.drop_column('voters_present')
        batch_op.drop_column('casting_vote')
