"""Tables of the files context for requirements to the applicant (Law 39/2015 art. 68):
what the file's applicant is asked to supply, by when, and her answer with the documents
she delivered (each also a document of the file)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Requirement(Base):
    """A requirement to the applicant of a file: the addressee (from the file's parties),
    the text of what is missing, the term in business days counted by the deadlines
    context (``deadline_id``, last day ``due_on``), its state (pending, answered,
    expired), the resolution terms it suspended, and the answer."""

    __tablename__ = "files_requirement"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files_file.id"), index=True)
    addressee: Mapped[dict[str, Any]] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text)
    term_days: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), index=True)
    deadline_id: Mapped[int | None] = mapped_column(
        ForeignKey("deadlines_deadline.id"), unique=True)
    due_on: Mapped[date] = mapped_column(Date)
    suspended_terms: Mapped[list[int]] = mapped_column(JSON)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime)
    made_by: Mapped[str] = mapped_column(String(100))
    instance_id: Mapped[str | None] = mapped_column(String(36))
    answer_text: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by: Mapped[str | None] = mapped_column(String(100))
    expired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RequirementDocument(Base):
    """A document the applicant delivered with her answer (also in the file's documents,
    origin citizen), with its SHA-256 as received."""

    __tablename__ = "files_requirement_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requirement_id: Mapped[str] = mapped_column(ForeignKey("files_requirement.id"),
                                                index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents_document.id"))
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
