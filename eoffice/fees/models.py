"""Tables of the fees context: fee rules (one per procedure case) and their versions.

A version's definition and examples are JSON, hashed and frozen when published;
its validity period (local dates, both inclusive) is what quotes filter on.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class FeeRule(Base):
    """The fee rule of one procedure case: a stable key and its legal reference."""

    __tablename__ = "fees_rule"
    __table_args__ = (UniqueConstraint("procedure_code", "case_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    procedure_code: Mapped[str] = mapped_column(String(100))
    case_code: Mapped[str] = mapped_column(String(100))
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    legal_reference: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class FeeRuleVersion(Base):
    """One version of a rule: a draft, or published (immutable) with its validity."""

    __tablename__ = "fees_rule_version"
    __table_args__ = (
        UniqueConstraint("rule_id", "number"),
        Index("uq_fees_rule_version_one_draft", "rule_id", unique=True,
              sqlite_where=text("state = 'draft'"), postgresql_where=text("state = 'draft'")),
        Index("ix_fees_rule_version_in_force", "rule_id", "state", "valid_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("fees_rule.id"))
    number: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    examples: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(100))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by: Mapped[str | None] = mapped_column(String(100))
