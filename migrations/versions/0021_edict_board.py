"""notifications: the edict board

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('edict_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edict_counter')),
    sa.UniqueConstraint('year', name=op.f('uq_edict_counter_year'))
    )
    op.create_table('edict',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('bodies', sa.JSON(), nullable=False),
    sa.Column('personal_data', sa.JSON(), nullable=True),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('file_number', sa.String(length=60), nullable=True),
    sa.Column('document_id', sa.String(length=36), nullable=True),
    sa.Column('publish_from', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('publish_until', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('corrects', sa.String(length=36), nullable=True),
    sa.Column('corrected_by', sa.String(length=36), nullable=True),
    sa.Column('withdrawn_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by', sa.String(length=100), nullable=True),
    sa.Column('withdrawal_reason', sa.String(length=1000), nullable=True),
    sa.Column('certificate_document_id', sa.String(length=36), nullable=True),
    sa.Column('certificate_code', sa.String(length=40), nullable=True),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['certificate_document_id'], ['documents_document.id'], name=op.f('fk_edict_certificate_document_id_documents_document')),
    sa.ForeignKeyConstraint(['corrected_by'], ['edict.id'], name=op.f('fk_edict_corrected_by_edict')),
    sa.ForeignKeyConstraint(['corrects'], ['edict.id'], name=op.f('fk_edict_corrects_edict')),
    sa.ForeignKeyConstraint(['document_id'], ['documents_document.id'], name=op.f('fk_edict_document_id_documents_document')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edict')),
    sa.UniqueConstraint('number', name=op.f('uq_edict_number'))
    )
    with op.batch_alter_table('edict', schema=None) as batch_op:
        batch_op.create_index('ix_edict_state_publish_until', ['state', 'publish_until'], unique=False)
        batch_op.create_index('ix_edict_unit_code', ['unit_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('edict', schema=None) as batch_op:
        batch_op.drop_index('ix_edict_unit_code')
        batch_op.drop_index('ix_edict_state_publish_until')
    op.drop_table('edict')
    op.drop_table('edict_counter')
