"""files context: documents, annotations, movements, closure and index

Revision ID: 0015
Revises: 0014
"""

from alembic import op
import sqlalchemy as sa
import eoffice.shared.db

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
