"""Tables of the files context: administrative files and their yearly counters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class FileCounter(Base):
    """The last file number given by a unit in a year."""

    __tablename__ = "files_counter"
    __table_args__ = (UniqueConstraint("unit_code", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(50))
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)


class AdministrativeFile(Base):
    """An administrative file (expediente): number, unit, procedure, parties, and the
    registry entry (and application) that opened it."""

    __tablename__ = "files_file"
    __table_args__ = (UniqueConstraint("unit_code", "year", "sequence"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    procedure_code: Mapped[str | None] = mapped_column(String(100))
    case_code: Mapped[str | None] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(500))
    parties: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    registry_entry_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    submission_id: Mapped[str | None] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(20))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    opened_by: Mapped[str] = mapped_column(String(100))
