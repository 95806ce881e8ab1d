"""representation: powers of representation and their events

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('representation_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_representation_counter')),
    sa.UniqueConstraint('year', name=op.f('uq_representation_counter_year'))
    )
    op.create_table('representation_power',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('grantor_kind', sa.String(length=10), nullable=False),
    sa.Column('grantor_id_type', sa.String(length=10), nullable=False),
    sa.Column('grantor_id_number', sa.String(length=30), nullable=False),
    sa.Column('grantor_name', sa.String(length=300), nullable=False),
    sa.Column('representative_id_type', sa.String(length=10), nullable=False),
    sa.Column('representative_id_number', sa.String(length=30), nullable=False),
    sa.Column('representative_name', sa.String(length=300), nullable=False),
    sa.Column('scope', sa.String(length=12), nullable=False),
    sa.Column('procedures', sa.JSON(), nullable=False),
    sa.Column('file_number', sa.String(length=60), nullable=True),
    sa.Column('valid_from', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('valid_until', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('basis', sa.String(length=25), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('granted_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('granted_by', sa.String(length=100), nullable=False),
    sa.Column('granted_through', sa.String(length=30), nullable=True),
    sa.Column('revoked_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.String(length=100), nullable=True),
    sa.Column('revocation_reason', sa.String(length=500), nullable=True),
    sa.Column('evidence_document_id', sa.String(length=36), nullable=True),
    sa.Column('revocation_document_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_representation_power')),
    sa.UniqueConstraint('number', name=op.f('uq_representation_power_number')),
    sa.UniqueConstraint('year', 'sequence', name=op.f('uq_representation_power_year_sequence'))
    )
    with op.batch_alter_table('representation_power', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_representation_power_evidence_document_id'), ['evidence_document_id'], unique=False)
        batch_op.create_index('ix_representation_power_grantor', ['grantor_id_number'], unique=False)
        batch_op.create_index('ix_representation_power_representative', ['representative_id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_representation_power_revocation_document_id'), ['revocation_document_id'], unique=False)

    op.create_table('representation_power_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('power_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('acting_for', sa.String(length=30), nullable=True),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('unit_code', sa.String(length=50), nullable=True),
    sa.Column('document_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['power_id'], ['representation_power.id'], name=op.f('fk_representation_power_event_power_id_representation_power')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_representation_power_event'))
    )
    with op.batch_alter_table('representation_power_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_representation_power_event_power_id'), ['power_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('representation_power_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_representation_power_event_power_id'))

    op.drop_table('representation_power_event')
    with op.batch_alter_table('representation_power', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_representation_power_revocation_document_id'))
        batch_op.drop_index('ix_representation_power_representative')
        batch_op.drop_index('ix_representation_power_grantor')
        batch_op.drop_index(batch_op.f('ix_representation_power_evidence_document_id'))

    op.drop_table('representation_power')
    op.drop_table('representation_counter')
