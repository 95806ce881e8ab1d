"""identity: contact details and notification preferences of people

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('postal_address', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('preferred_language', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('notification_channel', sa.String(length=10),
                                      server_default='electronic', nullable=False))
        batch_op.add_column(sa.Column('email_alerts', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))
        batch_op.add_column(sa.Column('contact_updated_at',
                                      eoffice.shared.db.UTCDateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        for column in ('contact_updated_at', 'email_alerts', 'notification_channel',
                       'preferred_language', 'postal_address', 'phone'):
            batch_op.drop_column(column)
