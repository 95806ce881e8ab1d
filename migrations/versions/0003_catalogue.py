"""catalogue context tables: procedures, versions, taxonomies, terms

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('catalogue_procedure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('live_version', sa.Integer(), nullable=True),
    sa.Column('next_change_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_procedure')),
    sa.UniqueConstraint('code', name=op.f('uq_catalogue_procedure_code'))
    )
    with op.batch_alter_table('catalogue_procedure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalogue_procedure_next_change_at'), ['next_change_at'], unique=False)

    op.create_table('catalogue_taxonomy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_taxonomy')),
    sa.UniqueConstraint('key', name=op.f('uq_catalogue_taxonomy_key'))
    )
    op.create_table('catalogue_procedure_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=True),
    sa.Column('content_sha256', sa.String(length=64), nullable=True),
    sa.Column('published_from', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('published_until', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('published_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('published_by', sa.String(length=100), nullable=True),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['catalogue_procedure.id'], name=op.f('fk_catalogue_procedure_version_procedure_id_catalogue_procedure')),
    sa.ForeignKeyConstraint(['unit_code'], ['unit.code'], name=op.f('fk_catalogue_procedure_version_unit_code_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_procedure_version')),
    sa.UniqueConstraint('procedure_id', 'number', name=op.f('uq_catalogue_procedure_version_procedure_id_number'))
    )
    with op.batch_alter_table('catalogue_procedure_version', schema=None) as batch_op:
        batch_op.create_index('ix_catalogue_procedure_version_published', ['status', 'published_from'], unique=False)
        batch_op.create_index(batch_op.f('ix_catalogue_procedure_version_unit_code'), ['unit_code'], unique=False)
        batch_op.create_index('uq_catalogue_procedure_version_one_draft', ['procedure_id'], unique=True, sqlite_where=sa.text("status = 'draft'"), postgresql_where=sa.text("status = 'draft'"))

    op.create_table('catalogue_term',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('taxonomy_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['taxonomy_id'], ['catalogue_taxonomy.id'], name=op.f('fk_catalogue_term_taxonomy_id_catalogue_taxonomy')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_term')),
    sa.UniqueConstraint('taxonomy_id', 'code', name=op.f('uq_catalogue_term_taxonomy_id_code'))
    )
    with op.batch_alter_table('catalogue_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalogue_term_code'), ['code'], unique=False)

    op.create_table('catalogue_version_term',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['term_id'], ['catalogue_term.id'], name=op.f('fk_catalogue_version_term_term_id_catalogue_term')),
    sa.ForeignKeyConstraint(['version_id'], ['catalogue_procedure_version.id'], name=op.f('fk_catalogue_version_term_version_id_catalogue_procedure_version')),
    sa.PrimaryKeyConstraint('version_id', 'term_id', name=op.f('pk_catalogue_version_term'))
    )
    with op.batch_alter_table('catalogue_version_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalogue_version_term_term_id'), ['term_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('catalogue_version_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_version_term_term_id'))

    op.drop_table('catalogue_version_term')
    with op.batch_alter_table('catalogue_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_term_code'))

    op.drop_table('catalogue_term')
    with op.batch_alter_table('catalogue_procedure_version', schema=None) as batch_op:
        batch_op.drop_index('uq_catalogue_procedure_version_one_draft', sqlite_where=sa.text("status = 'draft'"), postgresql_where=sa.text("status = 'draft'"))
        batch_op.drop_index(batch_op.f('ix_catalogue_procedure_version_unit_code'))
        batch_op.drop_index('ix_catalogue_procedure_version_published')

    op.drop_table('catalogue_procedure_version')
    op.drop_table('catalogue_taxonomy')
    with op.batch_alter_table('catalogue_procedure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_procedure_next_change_at'))

    op.drop_table('catalogue_procedure')
