"""Gap-free numbering of the registers: the next number of a register in a year, taken
in the caller's transaction (a rollback returns it with the entry; ADR 0019)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.registry.models import RegisterCounter
from eoffice.shared.counters import take_next


def take_next_number(session: Session, register_id: int, year: int) -> int:
    """The next sequence number of ``register_id`` in ``year`` (1, 2, 3…)."""
    return take_next(session, RegisterCounter, register_id=register_id, year=year)
