"""registry context tables: registers, yearly counters, entries, entry moves

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None



def upgrade() -> None:
    op.create_table('registry_register',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=50), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('office_unit', sa.String(length=50), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('prefix', sa.String(length=20), nullable=False),
    sa.Column('number_format', sa.String(length=100), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['office_unit'], ['unit.code'], name=op.f('fk_registry_register_office_unit_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_register')),
    sa.UniqueConstraint('code', name=op.f('uq_registry_register_code'))
    )
    op.create_table('registry_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('register_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['register_id'], ['registry_register.id'], name=op.f('fk_registry_counter_register_id_registry_register')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_counter')),
    sa.UniqueConstraint('register_id', 'year', name=op.f('uq_registry_counter_register_id_year'))
    )
    op.create_table('registry_entry',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('register_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('registered_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.String(length=30), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('procedure_code', sa.String(length=100), nullable=True),
    sa.Column('case_code', sa.String(length=100), nullable=True),
    sa.Column('destination_unit', sa.String(length=50), nullable=False),
    sa.Column('parties', sa.JSON(), nullable=False),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.Column('origin', sa.JSON(), nullable=False),
    sa.Column('submission_id', sa.String(length=36), nullable=True),
    sa.Column('file_number', sa.String(length=60), nullable=True),
    sa.Column('receipt_document_id', sa.String(length=36), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('registered_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['destination_unit'], ['unit.code'], name=op.f('fk_registry_entry_destination_unit_unit')),
    sa.ForeignKeyConstraint(['register_id'], ['registry_register.id'], name=op.f('fk_registry_entry_register_id_registry_register')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_entry')),
    sa.UniqueConstraint('number', name=op.f('uq_registry_entry_number')),
    sa.UniqueConstraint('register_id', 'year', 'sequence', name=op.f('uq_registry_entry_register_id_year_sequence')),
    sa.UniqueConstraint('submission_id', name=op.f('uq_registry_entry_submission_id'))
    )
    with op.batch_alter_table('registry_entry', schema=None) as batch_op:
        batch_op.create_index('ix_registry_entry_destination_state', ['destination_unit', 'state'], unique=False)
        batch_op.create_index('ix_registry_entry_registered_at', ['registered_at'], unique=False)

    op.create_table('registry_entry_move',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=True),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['registry_entry.id'], name=op.f('fk_registry_entry_move_entry_id_registry_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_entry_move'))
    )
    with op.batch_alter_table('registry_entry_move', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_entry_move_entry_id'), ['entry_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('registry_entry_move', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_entry_move_entry_id'))

    op.drop_table('registry_entry_move')
    with op.batch_alter_table('registry_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_registry_entry_registered_at')
        batch_op.drop_index('ix_registry_entry_destination_state')

    op.drop_table('registry_entry')
    op.drop_table('registry_counter')
    op.drop_table('registry_register')
