"""files: requirements to interested parties (placeholder until filled)

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
    pass


def downgrade() -> None:
    pass
