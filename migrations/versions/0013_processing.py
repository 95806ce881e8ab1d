"""processing context: process models, instances, tasks

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('processing_model_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('bpmn', sa.Text(), nullable=False),
    sa.Column('dmn', sa.JSON(), nullable=False),
    sa.Column('processes', sa.JSON(), nullable=False),
    sa.Column('calls', sa.JSON(), nullable=False),
    sa.Column('user_tasks', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processing_model_version')),
    sa.UniqueConstraint('key', 'version', name=op.f('uq_processing_model_version_key_version')),
    sa.UniqueConstraint('sha256', name=op.f('uq_processing_model_version_sha256'))
    )
    with op.batch_alter_table('processing_model_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processing_model_version_key'), ['key'], unique=False)

    op.create_table('processing_instance',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('model_version_id', sa.Integer(), nullable=False),
    sa.Column('model_key', sa.String(length=120), nullable=False),
    sa.Column('model_sha256', sa.String(length=64), nullable=False),
    sa.Column('pins', sa.JSON(), nullable=False),
    sa.Column('subject_kind', sa.String(length=40), nullable=False),
    sa.Column('subject_id', sa.String(length=80), nullable=False),
    sa.Column('unit_code', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('state', sa.Text(), nullable=False),
    sa.Column('user_tasks', sa.JSON(), nullable=False),
    sa.Column('wake_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['model_version_id'], ['processing_model_version.id'], name=op.f('fk_processing_instance_model_version_id_processing_model_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processing_instance'))
    )
    with op.batch_alter_table('processing_instance', schema=None) as batch_op:
        batch_op.create_index('ix_processing_instance_status_wake_at', ['status', 'wake_at'], unique=False)
        batch_op.create_index('ix_processing_instance_subject', ['subject_kind', 'subject_id'], unique=False)

    op.create_table('processing_intent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.String(length=36), nullable=False),
    sa.Column('element_id', sa.String(length=120), nullable=False),
    sa.Column('operator', sa.String(length=60), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['instance_id'], ['processing_instance.id'], name=op.f('fk_processing_intent_instance_id_processing_instance')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processing_intent'))
    )
    with op.batch_alter_table('processing_intent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processing_intent_instance_id'), ['instance_id'], unique=False)

    op.create_table('processing_task',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('instance_id', sa.String(length=36), nullable=False),
    sa.Column('spec_id', sa.String(length=120), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('lane', sa.String(length=120), nullable=True),
    sa.Column('unit_code', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('form', sa.String(length=120), nullable=True),
    sa.Column('due_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('claimed_by', sa.String(length=120), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('completed_by', sa.String(length=120), nullable=True),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('completed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['instance_id'], ['processing_instance.id'], name=op.f('fk_processing_task_instance_id_processing_instance')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processing_task'))
    )
    with op.batch_alter_table('processing_task', schema=None) as batch_op:
        batch_op.create_index('ix_processing_task_claimed_state', ['claimed_by', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_processing_task_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index('ix_processing_task_unit_state_due', ['unit_code', 'state', 'due_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('processing_task', schema=None) as batch_op:
        batch_op.drop_index('ix_processing_task_unit_state_due')
        batch_op.drop_index(batch_op.f('ix_processing_task_instance_id'))
        batch_op.drop_index('ix_processing_task_claimed_state')

    op.drop_table('processing_task')
    with op.batch_alter_table('processing_intent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processing_intent_instance_id'))

    op.drop_table('processing_intent')
    with op.batch_alter_table('processing_instance', schema=None) as batch_op:
        batch_op.drop_index('ix_processing_instance_subject')
        batch_op.drop_index('ix_processing_instance_status_wake_at')

    op.drop_table('processing_instance')
    with op.batch_alter_table('processing_model_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processing_model_version_key'))

    op.drop_table('processing_model_version')
