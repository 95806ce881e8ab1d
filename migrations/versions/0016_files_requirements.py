"""files: the phase of a file (as the parties see it) and requirements to interested parties

Revision ID: 0016
Revises: 0015
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('files_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phase', sa.String(length=30), server_default='in_process', nullable=False))
        batch_op.add_column(sa.Column('phase_changed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True))

    op.create_table('files_requirement',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=False),
    sa.Column('addressee', sa.JSON(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('term_days', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('deadline_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('suspended_terms', sa.JSON(), nullable=False),
    sa.Column('made_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('made_by', sa.String(length=100), nullable=False),
    sa.Column('instance_id', sa.String(length=36), nullable=True),
    sa.Column('answer_text', sa.Text(), nullable=True),
    sa.Column('answered_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_by', sa.String(length=100), nullable=True),
    sa.Column('expired_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['deadline_id'], ['deadlines_deadline.id'], name=op.f('fk_files_requirement_deadline_id_deadlines_deadline')),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_files_requirement_file_id_files_file')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_requirement')),
    sa.UniqueConstraint('deadline_id', name=op.f('uq_files_requirement_deadline_id'))
    )
    with op.batch_alter_table('files_requirement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_files_requirement_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_files_requirement_state'), ['state'], unique=False)

    op.create_table('files_requirement_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requirement_id', sa.String(length=36), nullable=False),
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents_document.id'], name=op.f('fk_files_requirement_document_document_id_documents_document')),
    sa.ForeignKeyConstraint(['requirement_id'], ['files_requirement.id'], name=op.f('fk_files_requirement_document_requirement_id_files_requirement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_requirement_document'))
    )
    with op.batch_alter_table('files_requirement_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_files_requirement_document_requirement_id'), ['requirement_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('files_requirement_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_files_requirement_document_requirement_id'))

    op.drop_table('files_requirement_document')
    with op.batch_alter_table('files_requirement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_files_requirement_state'))
        batch_op.drop_index(batch_op.f('ix_files_requirement_file_id'))

    op.drop_table('files_requirement')

    with op.batch_alter_table('files_file', schema=None) as batch_op:
        batch_op.drop_column('phase_changed_at')
        batch_op.drop_column('phase')
