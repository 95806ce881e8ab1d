"""fees context tables: fee rules, versions, examples

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fees_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('procedure_code', sa.String(length=100), nullable=False),
    sa.Column('case_code', sa.String(length=100), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('legal_reference', sa.JSON(), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fees_rule')),
    sa.UniqueConstraint('key', name=op.f('uq_fees_rule_key')),
    sa.UniqueConstraint('procedure_code', 'case_code', name=op.f('uq_fees_rule_procedure_code_case_code'))
    )
    op.create_table('fees_rule_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('examples', sa.JSON(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('published_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('published_by', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['rule_id'], ['fees_rule.id'], name=op.f('fk_fees_rule_version_rule_id_fees_rule')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fees_rule_version')),
    sa.UniqueConstraint('rule_id', 'number', name=op.f('uq_fees_rule_version_rule_id_number'))
    )
    with op.batch_alter_table('fees_rule_version', schema=None) as batch_op:
        batch_op.create_index('ix_fees_rule_version_in_force', ['rule_id', 'state', 'valid_from'], unique=False)
        batch_op.create_index('uq_fees_rule_version_one_draft', ['rule_id'], unique=True, sqlite_where=sa.text("state = 'draft'"), postgresql_where=sa.text("state = 'draft'"))


def downgrade() -> None:
    with op.batch_alter_table('fees_rule_version', schema=None) as batch_op:
        batch_op.drop_index('uq_fees_rule_version_one_draft', sqlite_where=sa.text("state = 'draft'"), postgresql_where=sa.text("state = 'draft'"))
        batch_op.drop_index('ix_fees_rule_version_in_force')

    op.drop_table('fees_rule_version')
    op.drop_table('fees_rule')
