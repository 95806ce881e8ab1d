"""bodies: the chair's casting vote on a tie, the voting members present at each vote,
who attended at any time, the index that finds a document's session

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
    with op.batch_alter_table('bodies_attendance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attended', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.execute("UPDATE bodies_attendance SET attended = present")
    with op.batch_alter_table('bodies_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bodies_meeting_minutes_document_id'),
                              ['minutes_document_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bodies_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bodies_meeting_minutes_document_id'))
    with op.batch_alter_table('bodies_attendance', schema=None) as batch_op:
        batch_op.drop_column('attended')
    with op.batch_alter_table('bodies_agenda_item', schema=None) as batch_op:
        batch_op.drop_column('voters_present')
        batch_op.drop_column('casting_vote')
