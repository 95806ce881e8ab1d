"""Tables of the representation context: powers of representation, their events (granted,
revoked) and the yearly counter behind their readable numbers (``PODER/2026/000001``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Power(Base):
    """A power of representation: who grants it (a person, or a company through its legal
    representative), who holds it, what it covers (everything, procedures, one file), for
    which period, on which basis, and its revocation."""

    __tablename__ = "representation_power"
    __table_args__ = (
        UniqueConstraint("year", "sequence"),
        Index("ix_representation_power_grantor", "grantor_id_number"),
        Index("ix_representation_power_representative", "representative_id_number"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    grantor_kind: Mapped[str] = mapped_column(String(10))
    grantor_id_type: Mapped[str] = mapped_column(String(10))
    grantor_id_number: Mapped[str] = mapped_column(String(30))
    grantor_name: Mapped[str] = mapped_column(String(300))
    representative_id_type: Mapped[str] = mapped_column(String(10))
    representative_id_number: Mapped[str] = mapped_column(String(30))
    representative_name: Mapped[str] = mapped_column(String(300))
    scope: Mapped[str] = mapped_column(String(12))
    procedures: Mapped[list[str]] = mapped_column(JSON)
    file_number: Mapped[str | None] = mapped_column(String(60))
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    basis: Mapped[str] = mapped_column(String(25))
    channel: Mapped[str] = mapped_column(String(12))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    granted_by: Mapped[str] = mapped_column(String(100))
    #: The legal representative who granted it for a company (None for a person's own).
    granted_through: Mapped[str | None] = mapped_column(String(30))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(100))
    revocation_reason: Mapped[str | None] = mapped_column(String(500))
    evidence_document_id: Mapped[str | None] = mapped_column(String(36), index=True)
    revocation_document_id: Mapped[str | None] = mapped_column(String(36), index=True)


class PowerEvent(Base):
    """Something that happened to a power (granted, revoked): who, when, for whom, why, and
    the sealed evidence document once issued."""

    __tablename__ = "representation_power_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    power_id: Mapped[str] = mapped_column(ForeignKey("representation_power.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    acting_for: Mapped[str | None] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(String(500))
    #: The unit whose seal the evidence carries (the clerk's office; None: the city).
    unit_code: Mapped[str | None] = mapped_column(String(50))
    document_id: Mapped[str | None] = mapped_column(String(36))


class PowerCounter(Base):
    """The last number given to a power in a year (gap-free, ADR 0019)."""

    __tablename__ = "representation_counter"
    __table_args__ = (UniqueConstraint("year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)
