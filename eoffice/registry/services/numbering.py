"""Gap-free numbering: the next number of a register in a year, taken by incrementing
its counter row inside the caller's transaction.

On PostgreSQL the UPDATE locks the row until the transaction ends, so concurrent
registrations queue; on SQLite every write transaction is ``BEGIN IMMEDIATE`` and so
already alone. If the transaction rolls back, the increment rolls back with the entry:
no number is consumed without an entry, none is given twice.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from eoffice.registry.models import RegisterCounter


def _ensure_counter(session: Session, register_id: int, year: int) -> None:
    """Create the year's counter at 0 unless it exists (safe under concurrency)."""
    values = {"register_id": register_id, "year": year, "last_number": 0}
    if session.get_bind().dialect.name == "postgresql":
        session.execute(postgresql.insert(RegisterCounter).values(**values)
                        .on_conflict_do_nothing())
    else:
        session.execute(sqlite.insert(RegisterCounter).values(**values)
                        .on_conflict_do_nothing())


def take_next_number(session: Session, register_id: int, year: int) -> int:
    """The next sequence number of ``register_id`` in ``year`` (1, 2, 3…)."""
    _ensure_counter(session, register_id, year)
    taken = session.execute(
        update(RegisterCounter)
        .where(RegisterCounter.register_id == register_id, RegisterCounter.year == year)
        .values(last_number=RegisterCounter.last_number + 1)
        .returning(RegisterCounter.last_number)
    ).scalar_one()
    return int(taken)
