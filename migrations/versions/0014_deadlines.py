"""deadlines context: calendars, holidays, legal terms

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deadlines_deadline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_kind', sa.String(length=40), nullable=False),
    sa.Column('subject_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('term_value', sa.Integer(), nullable=False),
    sa.Column('term_unit', sa.String(length=20), nullable=False),
    sa.Column('extension', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('silence_effect', sa.String(length=20), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('warned_for', sa.Date(), nullable=True),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadlines_deadline'))
    )
    with op.batch_alter_table('deadlines_deadline', schema=None) as batch_op:
        batch_op.create_index('ix_deadlines_deadline_state_due', ['state', 'due_on'], unique=False)
        batch_op.create_index('ix_deadlines_deadline_subject', ['subject_kind', 'subject_id'], unique=False)

    op.create_table('deadlines_holiday',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('region', sa.String(length=20), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('added_by', sa.String(length=100), nullable=False),
    sa.Column('added_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadlines_holiday')),
    sa.UniqueConstraint('day', 'scope', 'region', name=op.f('uq_deadlines_holiday_day_scope_region'))
    )
    with op.batch_alter_table('deadlines_holiday', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadlines_holiday_day'), ['day'], unique=False)

    op.create_table('deadlines_extension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deadline_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('granted_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['deadline_id'], ['deadlines_deadline.id'], name=op.f('fk_deadlines_extension_deadline_id_deadlines_deadline')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadlines_extension'))
    )
    with op.batch_alter_table('deadlines_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadlines_extension_deadline_id'), ['deadline_id'], unique=False)

    op.create_table('deadlines_suspension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deadline_id', sa.Integer(), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('suspended_by', sa.String(length=100), nullable=False),
    sa.Column('resumed_by', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['deadline_id'], ['deadlines_deadline.id'], name=op.f('fk_deadlines_suspension_deadline_id_deadlines_deadline')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadlines_suspension'))
    )
    with op.batch_alter_table('deadlines_suspension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadlines_suspension_deadline_id'), ['deadline_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('deadlines_suspension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadlines_suspension_deadline_id'))

    op.drop_table('deadlines_suspension')
    with op.batch_alter_table('deadlines_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadlines_extension_deadline_id'))

    op.drop_table('deadlines_extension')
    with op.batch_alter_table('deadlines_holiday', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadlines_holiday_day'))

    op.drop_table('deadlines_holiday')
    with op.batch_alter_table('deadlines_deadline', schema=None) as batch_op:
        batch_op.drop_index('ix_deadlines_deadline_subject')
        batch_op.drop_index('ix_deadlines_deadline_state_due')

    op.drop_table('deadlines_deadline')
