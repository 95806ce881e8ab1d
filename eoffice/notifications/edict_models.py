"""Tables of the edict board: edicts and announcements with their display period, the
chain of corrections, withdrawal and the certificate of publication; and the counter
giving each year's readable numbers (ED-2026-000001) without gaps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Edict(Base):
    """One edict or announcement; ``titles``, ``bodies`` and ``personal_data`` map the
    languages en/es/ca to their text (``personal_data`` may be None)."""

    __tablename__ = "edict"
    __table_args__ = (
        Index("ix_edict_state_publish_until", "state", "publish_until"),
        Index("ix_edict_unit_code", "unit_code"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    titles: Mapped[dict[str, str]] = mapped_column(JSON)
    bodies: Mapped[dict[str, str]] = mapped_column(JSON)
    personal_data: Mapped[dict[str, str] | None] = mapped_column(JSON)
    text_sha256: Mapped[str] = mapped_column(String(64))
    unit_code: Mapped[str] = mapped_column(String(50))
    file_number: Mapped[str | None] = mapped_column(String(60))
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents_document.id"))
    publish_from: Mapped[datetime] = mapped_column(UTCDateTime)
    publish_until: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(20))
    corrects: Mapped[str | None] = mapped_column(ForeignKey("edict.id"))
    corrected_by: Mapped[str | None] = mapped_column(ForeignKey("edict.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(100))
    withdrawal_reason: Mapped[str | None] = mapped_column(String(1000))
    certificate_document_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents_document.id"))
    certificate_code: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class EdictCounter(Base):
    """The last edict number given in a year."""

    __tablename__ = "edict_counter"
    __table_args__ = (UniqueConstraint("year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)
