"""processing: instance migrations and task reassignment (placeholder until filled)

Revision ID: 0018
Revises: 0017
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
