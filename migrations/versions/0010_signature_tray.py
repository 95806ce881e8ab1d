"""documents signature tray: circuits and their steps

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents_circuit',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('mode', sa.String(length=12), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('started_by', sa.String(length=100), nullable=False),
    sa.Column('started_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents_document.id'], name=op.f('fk_documents_circuit_document_id_documents_document')),
    sa.ForeignKeyConstraint(['unit_code'], ['unit.code'], name=op.f('fk_documents_circuit_unit_code_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents_circuit'))
    )
    with op.batch_alter_table('documents_circuit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_circuit_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_circuit_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_circuit_unit_code'), ['unit_code'], unique=False)

    op.create_table('documents_circuit_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circuit_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('signer', sa.String(length=100), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('acted_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.String(length=1000), nullable=True),
    sa.Column('version_number', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['circuit_id'], ['documents_circuit.id'], name=op.f('fk_documents_circuit_step_circuit_id_documents_circuit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents_circuit_step')),
    sa.UniqueConstraint('circuit_id', 'position', name=op.f('uq_documents_circuit_step_circuit_id_position')),
    sa.UniqueConstraint('circuit_id', 'signer', name=op.f('uq_documents_circuit_step_circuit_id_signer'))
    )
    with op.batch_alter_table('documents_circuit_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_circuit_step_circuit_id'), ['circuit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_circuit_step_signer'), ['signer'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('documents_circuit_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_circuit_step_signer'))
        batch_op.drop_index(batch_op.f('ix_documents_circuit_step_circuit_id'))
    op.drop_table('documents_circuit_step')
    with op.batch_alter_table('documents_circuit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_circuit_unit_code'))
        batch_op.drop_index(batch_op.f('ix_documents_circuit_state'))
        batch_op.drop_index(batch_op.f('ix_documents_circuit_document_id'))
    op.drop_table('documents_circuit')
