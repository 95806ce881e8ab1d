"""files: groupings of files (placeholder until filled)

Revision ID: 0017
Revises: 0016
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
