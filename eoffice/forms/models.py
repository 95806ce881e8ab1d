"""Tables of the forms context: versions of forms and blocks, and where blocks are used."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Status(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Source(enum.StrEnum):
    FILE = "file"  # shipped with the product in forms/
    ADMIN = "admin"  # built in the admin UI or through the API


class _Versioned:
    """Columns shared by form and block versions."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed_by: Mapped[str] = mapped_column(String(100))

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class FormVersion(_Versioned, Base):
    """One version of a form definition; immutable once published."""

    __tablename__ = "form_version"
    __table_args__ = (UniqueConstraint("key", "version"),)


class BlockVersion(_Versioned, Base):
    """One version of a reusable block (sub-form); immutable once published."""

    __tablename__ = "form_block_version"
    __table_args__ = (UniqueConstraint("key", "version"),)


class BlockUse(Base):
    """A form or block version that includes a block version directly ("where used")."""

    __tablename__ = "form_block_use"
    __table_args__ = (Index("ix_form_block_use_block", "block_key", "block_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_version.id", ondelete="CASCADE"), index=True
    )
    block_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_block_version.id", ondelete="CASCADE"), index=True
    )
    block_key: Mapped[str] = mapped_column(String(64))
    block_version: Mapped[int] = mapped_column(Integer)
