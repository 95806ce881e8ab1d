"""notifications: electronic notifications, communications and their events

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notifications_notification',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=True),
    sa.Column('file_number', sa.String(length=60), nullable=True),
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('addressee_id_number', sa.String(length=30), nullable=False),
    sa.Column('addressee_name', sa.String(length=300), nullable=False),
    sa.Column('representative_id_number', sa.String(length=30), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('sending_unit', sa.String(length=50), nullable=False),
    sa.Column('procedure_code', sa.String(length=100), nullable=True),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('available_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('expires_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('accessed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('accessed_by', sa.String(length=300), nullable=True),
    sa.Column('rejected_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('expired_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('exit_entry_id', sa.String(length=36), nullable=True),
    sa.Column('exit_number', sa.String(length=60), nullable=True),
    sa.Column('evidence_document_id', sa.String(length=36), nullable=True),
    sa.Column('postal_document_id', sa.String(length=36), nullable=True),
    sa.Column('alert_status', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents_document.id'], name=op.f('fk_notifications_notification_document_id_documents_document')),
    sa.ForeignKeyConstraint(['evidence_document_id'], ['documents_document.id'], name=op.f('fk_notifications_notification_evidence_document_id_documents_document')),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_notifications_notification_file_id_files_file')),
    sa.ForeignKeyConstraint(['postal_document_id'], ['documents_document.id'], name=op.f('fk_notifications_notification_postal_document_id_documents_document')),
    sa.ForeignKeyConstraint(['sending_unit'], ['unit.code'], name=op.f('fk_notifications_notification_sending_unit_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications_notification'))
    )
    with op.batch_alter_table('notifications_notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_notification_addressee_id_number'), ['addressee_id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_notification_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_notification_evidence_document_id'), ['evidence_document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_notification_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_notification_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_notification_file_number'), ['file_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_notification_representative_id_number'), ['representative_id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_notification_sending_unit'), ['sending_unit'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_notification_state'), ['state'], unique=False)

    op.create_table('notifications_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notification_id', sa.String(length=36), nullable=False),
    sa.Column('at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('acting_for', sa.String(length=300), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['notification_id'], ['notifications_notification.id'], name=op.f('fk_notifications_event_notification_id_notifications_notification')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications_event'))
    )
    with op.batch_alter_table('notifications_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_event_notification_id'), ['notification_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notifications_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_event_notification_id'))

    op.drop_table('notifications_event')
    with op.batch_alter_table('notifications_notification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_notification_state'))
        batch_op.drop_index(batch_op.f('ix_notifications_notification_sending_unit'))
        batch_op.drop_index(batch_op.f('ix_notifications_notification_representative_id_number'))
        batch_op.drop_index(batch_op.f('ix_notifications_notification_file_number'))
        batch_op.drop_index(batch_op.f('ix_notifications_notification_file_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_notification_expires_at'))
        batch_op.drop_index(batch_op.f('ix_notifications_notification_evidence_document_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_notification_document_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_notification_addressee_id_number'))

    op.drop_table('notifications_notification')
