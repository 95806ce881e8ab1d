"""citizen folder: consent records and their history

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'folder_consent_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('purpose', sa.String(length=60), nullable=False),
        sa.Column('given', sa.Boolean(), nullable=False),
        sa.Column('at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('text_version', sa.String(length=20), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('actor', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'],
                                name=op.f('fk_folder_consent_change_person_id_person')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_folder_consent_change')),
    )
    with op.batch_alter_table('folder_consent_change', schema=None) as batch_op:
        batch_op.create_index('ix_folder_consent_change_person_purpose',
                              ['person_id', 'purpose'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('folder_consent_change', schema=None) as batch_op:
        batch_op.drop_index('ix_folder_consent_change_person_purpose')
    op.drop_table('folder_consent_change')
