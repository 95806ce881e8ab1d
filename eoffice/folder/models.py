"""Tables of the citizen folder: consent records with their history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class ConsentChange(Base):
    """One change of a person's consent to a purpose: given or withdrawn, when, through
    which channel, and which version of the purpose's text she was shown. Never updated
    or deleted: the latest change of a purpose is the consent in force."""

    __tablename__ = "folder_consent_change"
    __table_args__ = (
        Index("ix_folder_consent_change_person_purpose", "person_id", "purpose"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    purpose: Mapped[str] = mapped_column(String(60))
    given: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    text_version: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(100))
