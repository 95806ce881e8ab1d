"""Tables of the registry context: registers with their yearly counters, entries and the
moves of each entry between units.

Numbers are gap-free because the counter row is incremented in the same transaction
that inserts the entry: a rollback returns the number with the entry (ADR 0019).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Register(Base):
    """An entry or exit register of a registry office (a unit)."""

    __tablename__ = "registry_register"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    office_unit: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    prefix: Mapped[str] = mapped_column(String(20))
    number_format: Mapped[str] = mapped_column(String(100))
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)


class RegisterCounter(Base):
    """The last number given by a register in a year."""

    __tablename__ = "registry_counter"
    __table_args__ = (UniqueConstraint("register_id", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("registry_register.id"))
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)


class RegistryEntry(Base):
    """A registered entry (or exit): its number and time, channel, parties, subject,
    procedure, destination unit, the documents delivered with their hashes, and links
    to the submission and the file."""

    __tablename__ = "registry_entry"
    __table_args__ = (
        UniqueConstraint("register_id", "year", "sequence"),
        Index("ix_registry_entry_destination_state", "destination_unit", "state"),
        Index("ix_registry_entry_registered_at", "registered_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("registry_register.id"))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(500))
    procedure_code: Mapped[str | None] = mapped_column(String(100))
    case_code: Mapped[str | None] = mapped_column(String(100))
    destination_unit: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    parties: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    origin: Mapped[dict[str, Any]] = mapped_column(JSON)
    submission_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    file_number: Mapped[str | None] = mapped_column(String(60))
    receipt_document_id: Mapped[str | None] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(20))
    registered_by: Mapped[str] = mapped_column(String(100))


class EntryMove(Base):
    """A change of state of an entry (distributed to a unit, accepted, returned,
    cancelled), with who, when and why."""

    __tablename__ = "registry_entry_move"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("registry_entry.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(50))
    reason: Mapped[str | None] = mapped_column(String(500))
