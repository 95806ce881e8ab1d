"""files context tables: administrative files (minimal record) and their yearly counters

Revision ID: 0011
Revises: 0010
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('files_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_counter')),
    sa.UniqueConstraint('unit_code', 'year', name=op.f('uq_files_counter_unit_code_year'))
    )
    op.create_table('files_file',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('procedure_code', sa.String(length=100), nullable=True),
    sa.Column('case_code', sa.String(length=100), nullable=True),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('parties', sa.JSON(), nullable=False),
    sa.Column('registry_entry_id', sa.String(length=36), nullable=True),
    sa.Column('submission_id', sa.String(length=36), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('opened_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('opened_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['unit.code'], name=op.f('fk_files_file_unit_code_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_file')),
    sa.UniqueConstraint('number', name=op.f('uq_files_file_number')),
    sa.UniqueConstraint('registry_entry_id', name=op.f('uq_files_file_registry_entry_id')),
    sa.UniqueConstraint('unit_code', 'year', 'sequence', name=op.f('uq_files_file_unit_code_year_sequence'))
    )


def downgrade() -> None:
    op.drop_table('files_file')
    op.drop_table('files_counter')
