"""files: the parties of each file, indexed by national id; when staff last viewed a file

The index is backfilled from each file's ``parties`` (JSON), read and written in Python so
the same code runs on SQLite and PostgreSQL.

Revision ID: 0023
Revises: 0022
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

import eoffice.shared.db

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

BATCH = 500


def _rows_of(file_id: str, parties: Any) -> list[dict[str, str]]:
    """The index rows of one file's parties (as files.services.parties.index_rows)."""
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for party in parties if isinstance(parties, list) else []:
        if not isinstance(party, dict):
            continue
        number = str(party.get("id_number") or "").strip().upper()[:30]
        if not number:
            continue
        role = str(party.get("role") or "interested")[:30]
        rows.setdefault((number, role), {
            "file_id": file_id, "id_number": number, "role": role,
            "id_type": str(party.get("id_type") or "")[:20],
            "name": str(party.get("name") or number)[:300]})
    return list(rows.values())


def _backfill() -> None:
    files = sa.table("files_file", sa.column("id", sa.String), sa.column("parties", sa.JSON))
    index = sa.table("files_party", sa.column("file_id", sa.String),
                     sa.column("id_type", sa.String), sa.column("id_number", sa.String),
                     sa.column("name", sa.String), sa.column("role", sa.String))
    connection = op.get_bind()
    pending: list[dict[str, str]] = []
    for file_id, parties in connection.execute(sa.select(files.c.id, files.c.parties)
                                               .order_by(files.c.id)):
        pending += _rows_of(file_id, parties)
        if len(pending) >= BATCH:
            connection.execute(index.insert(), pending)
            pending = []
    if pending:
        connection.execute(index.insert(), pending)


def upgrade() -> None:
    op.create_table('files_party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=False),
    sa.Column('id_type', sa.String(length=20), nullable=False),
    sa.Column('id_number', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_files_party_file_id_files_file')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_party')),
    sa.UniqueConstraint('file_id', 'id_number', 'role', name=op.f('uq_files_party_file_id_id_number_role'))
    )
    with op.batch_alter_table('files_party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_files_party_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_files_party_id_number'), ['id_number'], unique=False)
    op.create_table('files_view_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.String(length=36), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('audited_at', eoffice.shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['files_file.id'], name=op.f('fk_files_view_mark_file_id_files_file')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_files_view_mark')),
    sa.UniqueConstraint('file_id', 'actor', name=op.f('uq_files_view_mark_file_id_actor'))
    )
    _backfill()


def downgrade() -> None:
    op.drop_table('files_view_mark')
    with op.batch_alter_table('files_party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_files_party_id_number'))
        batch_op.drop_index(batch_op.f('ix_files_party_file_id'))
    op.drop_table('files_party')
