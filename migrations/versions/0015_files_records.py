"""files context: documents, annotations, movements, closure and index

Revision ID: 0015
Revises: 0014
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('files_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=False),
    sa.Column('at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_files_action_file_id_files_file')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_action'))
    )
    with op.batch_alter_table('files_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_files_action_file_id'), ['file_id'], unique=False)

    op.create_table('files_annotation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('written_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('written_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_files_annotation_file_id_files_file')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_annotation'))
    )
    with op.batch_alter_table('files_annotation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_files_annotation_file_id'), ['file_id'], unique=False)

    op.create_table('files_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=200), nullable=False),
    sa.Column('added_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('added_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents_document.id'], name=op.f('fk_files_document_document_id_documents_document')),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_files_document_file_id_files_file')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_document')),
    sa.UniqueConstraint('file_id', 'document_id', 'version', name=op.f('uq_files_document_file_id_document_id_version')),
    sa.UniqueConstraint('file_id', 'position', name=op.f('uq_files_document_file_id_position'))
    )
    with op.batch_alter_table('files_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_files_document_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_files_document_file_id'), ['file_id'], unique=False)

    op.create_table('files_movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=False),
    sa.Column('from_unit', sa.String(length=50), nullable=False),
    sa.Column('to_unit', sa.String(length=50), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('sent_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_by', sa.String(length=100), nullable=False),
    sa.Column('received_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('received_by', sa.String(length=100), nullable=True),
    sa.Column('returned_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('returned_by', sa.String(length=100), nullable=True),
    sa.Column('return_reason', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_files_movement_file_id_files_file')),
    sa.ForeignKeyConstraint(['from_unit'], ['unit.code'], name=op.f('fk_files_movement_from_unit_unit')),
    sa.ForeignKeyConstraint(['to_unit'], ['unit.code'], name=op.f('fk_files_movement_to_unit_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_movement'))
    )
    with op.batch_alter_table('files_movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_files_movement_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_files_movement_to_unit'), ['to_unit'], unique=False)

    with op.batch_alter_table('files_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responsible_unit', sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column('closed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_by', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('index_document_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_files_file_responsible_unit'), ['responsible_unit'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_files_file_index_document_id_documents_document'), 'documents_document', ['index_document_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_files_file_responsible_unit_unit'), 'unit', ['responsible_unit'], ['code'])

    # Files opened before this revision are still with the unit that opened them.
    op.execute("UPDATE files_file SET responsible_unit = unit_code")
    with op.batch_alter_table('files_file', schema=None) as batch_op:
        batch_op.alter_column('responsible_unit', existing_type=sa.String(length=50),
                              nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('files_file', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_files_file_responsible_unit_unit'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_files_file_index_document_id_documents_document'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_files_file_responsible_unit'))
        batch_op.drop_column('index_document_id')
        batch_op.drop_column('closed_by')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('responsible_unit')

    with op.batch_alter_table('files_movement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_files_movement_to_unit'))
        batch_op.drop_index(batch_op.f('ix_files_movement_file_id'))

    op.drop_table('files_movement')
    with op.batch_alter_table('files_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_files_document_file_id'))
        batch_op.drop_index(batch_op.f('ix_files_document_document_id'))

    op.drop_table('files_document')
    with op.batch_alter_table('files_annotation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_files_annotation_file_id'))

    op.drop_table('files_annotation')
    with op.batch_alter_table('files_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_files_action_file_id'))

    op.drop_table('files_action')
