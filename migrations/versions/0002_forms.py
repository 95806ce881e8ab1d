"""forms context tables

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _versioned(name: str) -> None:
    op.create_table(name,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
    sa.UniqueConstraint('key', 'version', name=op.f(f'uq_{name}_key_version'))
    )


def upgrade() -> None:
    _versioned('form_block_version')
    _versioned('form_version')
    op.create_table('form_block_use',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_version_id', sa.Integer(), nullable=True),
    sa.Column('block_version_id', sa.Integer(), nullable=True),
    sa.Column('block_key', sa.String(length=64), nullable=False),
    sa.Column('block_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['block_version_id'], ['form_block_version.id'], name=op.f('fk_form_block_use_block_version_id_form_block_version'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['form_version_id'], ['form_version.id'], name=op.f('fk_form_block_use_form_version_id_form_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_block_use'))
    )
    with op.batch_alter_table('form_block_use', schema=None) as batch_op:
        batch_op.create_index('ix_form_block_use_block', ['block_key', 'block_version'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_block_use_block_version_id'), ['block_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_block_use_form_version_id'), ['form_version_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('form_block_use', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_block_use_form_version_id'))
        batch_op.drop_index(batch_op.f('ix_form_block_use_block_version_id'))
        batch_op.drop_index('ix_form_block_use_block')
    op.drop_table('form_block_use')
    op.drop_table('form_version')
    op.drop_table('form_block_version')
