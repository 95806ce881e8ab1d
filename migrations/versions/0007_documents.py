"""documents context tables: blobs, documents, versions, signatures, verification codes

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents_document',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('identifier', sa.String(length=80), nullable=False),
    sa.Column('doc_type', sa.String(length=30), nullable=False),
    sa.Column('eni_type', sa.String(length=4), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('elaboration_state', sa.String(length=4), nullable=False),
    sa.Column('captured_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('verification_code', sa.String(length=20), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['unit.code'], name=op.f('fk_documents_document_unit_code_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents_document')),
    sa.UniqueConstraint('identifier', name=op.f('uq_documents_document_identifier')),
    sa.UniqueConstraint('verification_code', name=op.f('uq_documents_document_verification_code'))
    )
    with op.batch_alter_table('documents_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_document_unit_code'), ['unit_code'], unique=False)
    op.create_table('documents_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('pdfa_conforms', sa.Boolean(), nullable=False),
    sa.Column('attachments', sa.JSON(), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents_document.id'], name=op.f('fk_documents_version_document_id_documents_document')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents_version')),
    sa.UniqueConstraint('document_id', 'number', name=op.f('uq_documents_version_document_id_number'))
    )
    with op.batch_alter_table('documents_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_version_sha256'), ['sha256'], unique=False)
    op.create_table('documents_signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('signer', sa.String(length=300), nullable=False),
    sa.Column('certificate_sha256', sa.String(length=64), nullable=False),
    sa.Column('signed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('test_pki', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['documents_version.id'], name=op.f('fk_documents_signature_version_id_documents_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents_signature'))
    )
    with op.batch_alter_table('documents_signature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_signature_version_id'), ['version_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('documents_signature', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_signature_version_id'))
    op.drop_table('documents_signature')
    with op.batch_alter_table('documents_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_version_sha256'))
    op.drop_table('documents_version')
    with op.batch_alter_table('documents_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_document_unit_code'))
    op.drop_table('documents_document')
