"""Gap-free sequences (registry numbers, file numbers): a counter row per key, created
at 0 when missing and incremented in the caller's transaction. PostgreSQL's row lock
queues concurrent callers until commit; SQLite's ``BEGIN IMMEDIATE`` already serialises
writers. A rollback returns the number with the rest of the transaction (ADR 0019)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def take_next(session: Session, counter: Any, **key: Any) -> int:
    """The next number of the ``counter`` row identified by ``key`` (1, 2, 3…); the
    model has the key columns and ``last_number``, unique on the key."""
    values = {**key, "last_number": 0}
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(counter).values(**values).on_conflict_do_nothing())
    conditions = [getattr(counter, name) == value for name, value in key.items()]
    taken = session.execute(
        update(counter).where(*conditions)
        .values(last_number=counter.last_number + 1)
        .returning(counter.last_number)).scalar_one()
    return int(taken)
