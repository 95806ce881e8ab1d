"""payments context tables: self-assessments, provider transactions, bank statements

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
