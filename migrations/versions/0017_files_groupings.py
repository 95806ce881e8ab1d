"""files: groupings of files processed together, and the index of the statistics

Revision ID: 0017
Revises: 0016
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('files_grouping_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_grouping_counter')),
    sa.UniqueConstraint('unit_code', 'year', name=op.f('uq_files_grouping_counter_unit_code_year'))
    )
    op.create_table('files_grouping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['unit.code'], name=op.f('fk_files_grouping_unit_code_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_grouping')),
    sa.UniqueConstraint('number', name=op.f('uq_files_grouping_number')),
    sa.UniqueConstraint('unit_code', 'year', 'sequence', name=op.f('uq_files_grouping_unit_code_year_sequence'))
    )
    with op.batch_alter_table('files_grouping', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_files_grouping_unit_code'), ['unit_code'], unique=False)

    op.create_table('files_grouping_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grouping_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=False),
    sa.Column('added_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('added_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_files_grouping_member_file_id_files_file')),
    sa.ForeignKeyConstraint(['grouping_id'], ['files_grouping.id'], name=op.f('fk_files_grouping_member_grouping_id_files_grouping')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_grouping_member')),
    sa.UniqueConstraint('grouping_id', 'file_id', name=op.f('uq_files_grouping_member_grouping_id_file_id'))
    )
    with op.batch_alter_table('files_grouping_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_files_grouping_member_file_id'), ['file_id'], unique=False)

    # the statistics of administrative management: GROUP BY year, unit, procedure, state
    op.create_index('ix_files_file_statistics', 'files_file',
                    ['year', 'responsible_unit', 'procedure_code', 'state'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_files_file_statistics', table_name='files_file')
    with op.batch_alter_table('files_grouping_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_files_grouping_member_file_id'))

    op.drop_table('files_grouping_member')
    with op.batch_alter_table('files_grouping', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_files_grouping_unit_code'))

    op.drop_table('files_grouping')
    op.drop_table('files_grouping_counter')
