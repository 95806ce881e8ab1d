"""submissions context tables: applications (drafts) and their steps

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('submissions_submission',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('procedure_code', sa.String(length=100), nullable=False),
    sa.Column('procedure_version', sa.Integer(), nullable=False),
    sa.Column('case_code', sa.String(length=100), nullable=False),
    sa.Column('form_key', sa.String(length=100), nullable=False),
    sa.Column('form_version', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('fee_required', sa.Boolean(), nullable=False),
    sa.Column('fee_amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('fee_rule', sa.String(length=120), nullable=True),
    sa.Column('owner_account_id', sa.Integer(), nullable=False),
    sa.Column('applicant_person_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('answers_sha256', sa.String(length=64), nullable=True),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('warned_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('parties', sa.JSON(), nullable=True),
    sa.Column('registry_entry_id', sa.String(length=36), nullable=True),
    sa.Column('registry_number', sa.String(length=60), nullable=True),
    sa.Column('registered_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('file_number', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['applicant_person_id'], ['person.id'], name=op.f('fk_submissions_submission_applicant_person_id_person')),
    sa.ForeignKeyConstraint(['owner_account_id'], ['account.id'], name=op.f('fk_submissions_submission_owner_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submissions_submission'))
    )
    with op.batch_alter_table('submissions_submission', schema=None) as batch_op:
        batch_op.create_index('ix_submissions_submission_owner_status', ['owner_account_id', 'status'], unique=False)
        batch_op.create_index('ix_submissions_submission_unit_status', ['unit_code', 'status'], unique=False)

    op.create_table('submissions_attachment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('submission_id', sa.String(length=36), nullable=False),
    sa.Column('document_code', sa.String(length=100), nullable=False),
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('checks', sa.JSON(), nullable=False),
    sa.Column('uploaded_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions_submission.id'], name=op.f('fk_submissions_attachment_submission_id_submissions_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submissions_attachment')),
    sa.UniqueConstraint('submission_id', 'document_code', name=op.f('uq_submissions_attachment_submission_id_document_code'))
    )
    with op.batch_alter_table('submissions_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submissions_attachment_submission_id'), ['submission_id'], unique=False)

    op.create_table('submissions_signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('signer_account_id', sa.Integer(), nullable=False),
    sa.Column('signer_login', sa.String(length=100), nullable=False),
    sa.Column('signed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('what', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['signer_account_id'], ['account.id'], name=op.f('fk_submissions_signature_signer_account_id_account')),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions_submission.id'], name=op.f('fk_submissions_signature_submission_id_submissions_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submissions_signature'))
    )
    with op.batch_alter_table('submissions_signature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submissions_signature_submission_id'), ['submission_id'], unique=False)

    op.create_table('submissions_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.String(length=36), nullable=False),
    sa.Column('at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions_submission.id'], name=op.f('fk_submissions_step_submission_id_submissions_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submissions_step'))
    )
    with op.batch_alter_table('submissions_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submissions_step_submission_id'), ['submission_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('submissions_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submissions_step_submission_id'))

    op.drop_table('submissions_step')
    with op.batch_alter_table('submissions_signature', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submissions_signature_submission_id'))

    op.drop_table('submissions_signature')
    with op.batch_alter_table('submissions_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submissions_attachment_submission_id'))

    op.drop_table('submissions_attachment')
    with op.batch_alter_table('submissions_submission', schema=None) as batch_op:
        batch_op.drop_index('ix_submissions_submission_unit_status')
        batch_op.drop_index('ix_submissions_submission_owner_status')

    op.drop_table('submissions_submission')
