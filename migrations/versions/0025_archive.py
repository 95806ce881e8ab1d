"""archive: retention series, archived files and their packages, holds, destruction
lists and fixity runs

Revision ID: 0025
Revises: 0024
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('archive_disposal_list',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('prepared_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('prepared_by', sa.String(length=100), nullable=False),
    sa.Column('archivist_approved_by', sa.String(length=100), nullable=True),
    sa.Column('archivist_approved_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('head_approved_by', sa.String(length=100), nullable=True),
    sa.Column('head_approved_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('executed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('certificate_document_id', sa.String(length=36), nullable=True),
    sa.Column('cancelled_by', sa.String(length=100), nullable=True),
    sa.Column('cancelled_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_disposal_list')),
    sa.UniqueConstraint('number', name=op.f('uq_archive_disposal_list_number'))
    )
    with op.batch_alter_table('archive_disposal_list', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_disposal_list_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_disposal_list_unit_code'), ['unit_code'], unique=False)

    op.create_table('archive_fixity_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('started_by', sa.String(length=100), nullable=False),
    sa.Column('records_checked', sa.Integer(), nullable=False),
    sa.Column('files_checked', sa.Integer(), nullable=False),
    sa.Column('problems', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_fixity_run'))
    )
    with op.batch_alter_table('archive_fixity_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_fixity_run_started_at'), ['started_at'], unique=False)

    op.create_table('archive_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=50), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('procedure_code', sa.String(length=100), nullable=True),
    sa.Column('case_code', sa.String(length=100), nullable=True),
    sa.Column('retention_years', sa.Integer(), nullable=False),
    sa.Column('retention_months', sa.Integer(), nullable=False),
    sa.Column('retention_days', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=20), nullable=False),
    sa.Column('trigger_field', sa.String(length=100), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('sample_percent', sa.Integer(), nullable=True),
    sa.Column('confidentiality', sa.String(length=20), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_series')),
    sa.UniqueConstraint('code', name=op.f('uq_archive_series_code'))
    )
    with op.batch_alter_table('archive_series', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_series_procedure_code'), ['procedure_code'], unique=False)

    op.create_table('archive_record',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=False),
    sa.Column('file_number', sa.String(length=60), nullable=False),
    sa.Column('series_code', sa.String(length=50), nullable=False),
    sa.Column('procedure_code', sa.String(length=100), nullable=True),
    sa.Column('case_code', sa.String(length=100), nullable=True),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('parties', sa.JSON(), nullable=False),
    sa.Column('opened_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('resolution_date', sa.Date(), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.Column('trigger_date', sa.Date(), nullable=True),
    sa.Column('retention_until', sa.Date(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('confidentiality', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('transferred_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('transferred_by', sa.String(length=100), nullable=False),
    sa.Column('package_path', sa.String(length=300), nullable=False),
    sa.Column('package_sha256', sa.String(length=64), nullable=False),
    sa.Column('package_bytes', sa.Integer(), nullable=False),
    sa.Column('index_document_id', sa.String(length=36), nullable=False),
    sa.Column('receipt_document_id', sa.String(length=36), nullable=True),
    sa.Column('destroyed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('disposal_list_id', sa.Integer(), nullable=True),
    sa.Column('last_fixity_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_fixity_ok', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_archive_record_file_id_files_file')),
    sa.ForeignKeyConstraint(['series_code'], ['archive_series.code'], name=op.f('fk_archive_record_series_code_archive_series')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_record')),
    sa.UniqueConstraint('file_id', name=op.f('uq_archive_record_file_id')),
    sa.UniqueConstraint('file_number', name=op.f('uq_archive_record_file_number'))
    )
    with op.batch_alter_table('archive_record', schema=None) as batch_op:
        batch_op.create_index('ix_archive_record_due', ['status', 'retention_until'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_record_series_code'), ['series_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_record_transferred_at'), ['transferred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_record_unit_code'), ['unit_code'], unique=False)

    op.create_table('archive_disposal_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('excluded_reason', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['list_id'], ['archive_disposal_list.id'], name=op.f('fk_archive_disposal_item_list_id_archive_disposal_list')),
    sa.ForeignKeyConstraint(['record_id'], ['archive_record.id'], name=op.f('fk_archive_disposal_item_record_id_archive_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_disposal_item')),
    sa.UniqueConstraint('list_id', 'record_id', name=op.f('uq_archive_disposal_item_list_id_record_id'))
    )
    with op.batch_alter_table('archive_disposal_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_disposal_item_list_id'), ['list_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_disposal_item_record_id'), ['record_id'], unique=False)

    op.create_table('archive_fixity_problem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=True),
    sa.Column('where', sa.String(length=20), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('problem', sa.String(length=20), nullable=False),
    sa.Column('expected_sha256', sa.String(length=64), nullable=True),
    sa.Column('found_sha256', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['record_id'], ['archive_record.id'], name=op.f('fk_archive_fixity_problem_record_id_archive_record')),
    sa.ForeignKeyConstraint(['run_id'], ['archive_fixity_run.id'], name=op.f('fk_archive_fixity_problem_run_id_archive_fixity_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_fixity_problem'))
    )
    with op.batch_alter_table('archive_fixity_problem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_fixity_problem_run_id'), ['run_id'], unique=False)

    op.create_table('archive_hold',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('placed_by', sa.String(length=100), nullable=False),
    sa.Column('placed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lifted_by', sa.String(length=100), nullable=True),
    sa.Column('lifted_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('lift_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['record_id'], ['archive_record.id'], name=op.f('fk_archive_hold_record_id_archive_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_hold'))
    )
    with op.batch_alter_table('archive_hold', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_hold_record_id'), ['record_id'], unique=False)

    op.create_table('archive_package_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('document_id', sa.String(length=36), nullable=True),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('media_type', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('added_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('destroyed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['record_id'], ['archive_record.id'], name=op.f('fk_archive_package_file_record_id_archive_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_package_file')),
    sa.UniqueConstraint('record_id', 'path', name=op.f('uq_archive_package_file_record_id_path'))
    )
    with op.batch_alter_table('archive_package_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_package_file_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_package_file_record_id'), ['record_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('archive_package_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_package_file_record_id'))
        batch_op.drop_index(batch_op.f('ix_archive_package_file_document_id'))

    op.drop_table('archive_package_file')
    with op.batch_alter_table('archive_hold', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_hold_record_id'))

    op.drop_table('archive_hold')
    with op.batch_alter_table('archive_fixity_problem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_fixity_problem_run_id'))

    op.drop_table('archive_fixity_problem')
    with op.batch_alter_table('archive_disposal_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_disposal_item_record_id'))
        batch_op.drop_index(batch_op.f('ix_archive_disposal_item_list_id'))

    op.drop_table('archive_disposal_item')
    with op.batch_alter_table('archive_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_record_unit_code'))
        batch_op.drop_index(batch_op.f('ix_archive_record_transferred_at'))
        batch_op.drop_index(batch_op.f('ix_archive_record_series_code'))
        batch_op.drop_index('ix_archive_record_due')

    op.drop_table('archive_record')
    with op.batch_alter_table('archive_series', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_series_procedure_code'))

    op.drop_table('archive_series')
    with op.batch_alter_table('archive_fixity_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_fixity_run_started_at'))

    op.drop_table('archive_fixity_run')
    with op.batch_alter_table('archive_disposal_list', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_disposal_list_unit_code'))
        batch_op.drop_index(batch_op.f('ix_archive_disposal_list_status'))

    op.drop_table('archive_disposal_list')
