"""submissions: the rendered application PDF, advanced signatures, the hand-off time

Revision ID: 0012
Revises: 0011
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('submissions_signature', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('report', sa.JSON(), nullable=True))

    with op.batch_alter_table('submissions_submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handed_over_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('application_document_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('application_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('application_basis', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_submissions_submission_application_document_id'), ['application_document_id'], unique=False)

    with op.batch_alter_table('submissions_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submissions_attachment_document_id'), ['document_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('submissions_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submissions_attachment_document_id'))

    with op.batch_alter_table('submissions_submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submissions_submission_application_document_id'))
        batch_op.drop_column('application_basis')
        batch_op.drop_column('application_sha256')
        batch_op.drop_column('application_document_id')
        batch_op.drop_column('handed_over_at')

    with op.batch_alter_table('submissions_signature', schema=None) as batch_op:
        batch_op.drop_column('report')
        batch_op.drop_column('document_id')
