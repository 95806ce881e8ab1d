"""audit: the access log of every read of personal data (append-only, ADR 0052)

Revision ID: 0029
Revises: 0028
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None

APPEND_ONLY = {
    "sqlite": [
        "CREATE TRIGGER audit_access_no_update BEFORE UPDATE ON audit_access "
        "BEGIN SELECT RAISE(ABORT, 'audit_access is append-only'); END",
        "CREATE TRIGGER audit_access_no_delete BEFORE DELETE ON audit_access "
        "BEGIN SELECT RAISE(ABORT, 'audit_access is append-only'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION audit_access_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit_access is append-only'; END $$",
        "CREATE TRIGGER audit_access_append_only BEFORE UPDATE OR DELETE ON audit_access "
        "FOR EACH ROW EXECUTE FUNCTION audit_access_append_only()",
        "CREATE TRIGGER audit_access_no_truncate BEFORE TRUNCATE ON audit_access "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_access_append_only()",
    ],
}


def upgrade() -> None:
    op.create_table('audit_access',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('accessed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('object_type', sa.String(length=60), nullable=False),
    sa.Column('object_id', sa.String(length=200), nullable=False),
    sa.Column('subject_type', sa.String(length=60), nullable=True),
    sa.Column('subject_id', sa.String(length=200), nullable=True),
    sa.Column('unit_code', sa.String(length=50), nullable=True),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_access'))
    )
    with op.batch_alter_table('audit_access', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_access_accessed_at'), ['accessed_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_audit_access_actor'), ['actor'], unique=False)
        batch_op.create_index('ix_audit_access_object', ['object_type', 'object_id'],
                              unique=False)
        batch_op.create_index('ix_audit_access_subject', ['subject_type', 'subject_id'],
                              unique=False)
    for statement in APPEND_ONLY.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade() -> None:
    op.drop_table('audit_access')
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_access_append_only()")
