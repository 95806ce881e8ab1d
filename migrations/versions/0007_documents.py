"""documents context tables: blobs, documents, versions, signatures, verification codes

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
