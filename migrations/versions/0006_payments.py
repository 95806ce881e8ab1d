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
    op.create_table('payments_bank_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('imported_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=100), nullable=False),
    sa.Column('totals', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_bank_statement'))
    )
    with op.batch_alter_table('payments_bank_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_bank_statement_file_sha256'), ['file_sha256'], unique=False)

    op.create_table('payments_sandbox_transaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transaction_id', sa.String(length=40), nullable=False),
    sa.Column('order_code', sa.String(length=12), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('authorised', sa.Boolean(), nullable=False),
    sa.Column('response_code', sa.String(length=4), nullable=False),
    sa.Column('card_last_digits', sa.String(length=4), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_sandbox_transaction')),
    sa.UniqueConstraint('transaction_id', name=op.f('uq_payments_sandbox_transaction_transaction_id'))
    )
    with op.batch_alter_table('payments_sandbox_transaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_sandbox_transaction_order_code'), ['order_code'], unique=False)
        batch_op.create_index('uq_payments_sandbox_transaction_authorised_order', ['order_code'], unique=True, sqlite_where=sa.text('authorised = 1'), postgresql_where=sa.text('authorised'))

    op.create_table('payments_payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=25), nullable=False),
    sa.Column('subject_kind', sa.String(length=50), nullable=False),
    sa.Column('subject_id', sa.String(length=100), nullable=False),
    sa.Column('payer_person_id', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=50), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('concept', sa.JSON(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('paid_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('failed_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('expired_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('refunded_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('paid_channel', sa.String(length=10), nullable=True),
    sa.Column('paid_transaction', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['payer_person_id'], ['person.id'], name=op.f('fk_payments_payment_payer_person_id_person')),
    sa.ForeignKeyConstraint(['unit_code'], ['unit.code'], name=op.f('fk_payments_payment_unit_code_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_payment')),
    sa.UniqueConstraint('reference', name=op.f('uq_payments_payment_reference'))
    )
    with op.batch_alter_table('payments_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_payment_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_payment_payer_person_id'), ['payer_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_payment_state'), ['state'], unique=False)
        batch_op.create_index('ix_payments_payment_subject', ['subject_kind', 'subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_payment_unit_code'), ['unit_code'], unique=False)

    op.create_table('payments_bank_statement_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('line_number', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('nrc', sa.String(length=50), nullable=False),
    sa.Column('amount', sa.String(length=20), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['payment_id'], ['payments_payment.id'], name=op.f('fk_payments_bank_statement_line_payment_id_payments_payment')),
    sa.ForeignKeyConstraint(['statement_id'], ['payments_bank_statement.id'], name=op.f('fk_payments_bank_statement_line_statement_id_payments_bank_statement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_bank_statement_line')),
    sa.UniqueConstraint('statement_id', 'line_number', name=op.f('uq_payments_bank_statement_line_statement_id_line_number'))
    )
    op.create_table('payments_card_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_code', sa.String(length=12), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=50), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['payment_id'], ['payments_payment.id'], name=op.f('fk_payments_card_order_payment_id_payments_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_card_order')),
    sa.UniqueConstraint('order_code', name=op.f('uq_payments_card_order_order_code'))
    )
    with op.batch_alter_table('payments_card_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_card_order_payment_id'), ['payment_id'], unique=False)

    op.create_table('payments_transaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('provider', sa.String(length=50), nullable=False),
    sa.Column('provider_transaction_id', sa.String(length=100), nullable=True),
    sa.Column('nrc', sa.String(length=50), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('payload_sha256', sa.String(length=64), nullable=True),
    sa.Column('occurred_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments_payment.id'], name=op.f('fk_payments_transaction_payment_id_payments_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_transaction')),
    sa.UniqueConstraint('provider', 'provider_transaction_id', name=op.f('uq_payments_transaction_provider_provider_transaction_id'))
    )
    with op.batch_alter_table('payments_transaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_transaction_payment_id'), ['payment_id'], unique=False)


def downgrade() -> None:
# ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('payments_transaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_transaction_payment_id'))

    op.drop_table('payments_transaction')
    with op.batch_alter_table('payments_card_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_card_order_payment_id'))

    op.drop_table('payments_card_order')
    op.drop_table('payments_bank_statement_line')
    with op.batch_alter_table('payments_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_payment_unit_code'))
        batch_op.drop_index('ix_payments_payment_subject')
        batch_op.drop_index(batch_op.f('ix_payments_payment_state'))
        batch_op.drop_index(batch_op.f('ix_payments_payment_payer_person_id'))
        batch_op.drop_index(batch_op.f('ix_payments_payment_due_on'))

    op.drop_table('payments_payment')
    with op.batch_alter_table('payments_sandbox_transaction', schema=None) as batch_op:
        batch_op.drop_index('uq_payments_sandbox_transaction_authorised_order', sqlite_where=sa.text('authorised = 1'), postgresql_where=sa.text('authorised'))
        batch_op.drop_index(batch_op.f('ix_payments_sandbox_transaction_order_code'))

    op.drop_table('payments_sandbox_transaction')
    with op.batch_alter_table('payments_bank_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_bank_statement_file_sha256'))

    op.drop_table('payments_bank_statement')
