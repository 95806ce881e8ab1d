"""Tables of the catalogue context: procedures, their versions, taxonomies and terms.

A version's content is one JSON document (see ``catalogue.format``), hashed and
frozen when published; the columns beside it are what queries filter on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Procedure(Base):
    """A procedure of the catalogue: its permanent code and its publication state.

    ``live_version`` is the version the publication job last announced as
    visible (None: not visible); ``next_change_at`` is when visibility may
    change next, so the job looks only at procedures that are due.
    """

    __tablename__ = "catalogue_procedure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    live_version: Mapped[int | None] = mapped_column(Integer)
    next_change_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class ProcedureVersion(Base):
    """One version of a procedure's definition: a draft, or published and immutable."""

    __tablename__ = "catalogue_procedure_version"
    __table_args__ = (
        UniqueConstraint("procedure_id", "number"),
        # At most one draft per procedure.
        Index(
            "uq_catalogue_procedure_version_one_draft", "procedure_id", unique=True,
            sqlite_where=text("status = 'draft'"), postgresql_where=text("status = 'draft'"),
        ),
        Index("ix_catalogue_procedure_version_published", "status", "published_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("catalogue_procedure.id"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    unit_code: Mapped[str | None] = mapped_column(ForeignKey("unit.code"), index=True)
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    published_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(100))


class Taxonomy(Base):
    """A classification of procedures: themes, audiences, life events."""

    __tablename__ = "catalogue_taxonomy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(50), unique=True)
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer)


class Term(Base):
    """A term of a taxonomy, with a code stable across systems and its names."""

    __tablename__ = "catalogue_term"
    __table_args__ = (UniqueConstraint("taxonomy_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    taxonomy_id: Mapped[int] = mapped_column(ForeignKey("catalogue_taxonomy.id"))
    code: Mapped[str] = mapped_column(String(100), index=True)
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer)


class VersionTerm(Base):
    """A version of a procedure classified by a term (kept for filters and integrity)."""

    __tablename__ = "catalogue_version_term"

    version_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_procedure_version.id"), primary_key=True
    )
    term_id: Mapped[int] = mapped_column(ForeignKey("catalogue_term.id"), primary_key=True,
                                         index=True)
