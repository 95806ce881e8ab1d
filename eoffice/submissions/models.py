"""Tables of the submissions context: a citizen's application (draft until sent), the
steps it went through, and the signatures that bind the applicant to its content."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Submission(Base):
    """An application for a procedure case, pinned to the procedure and form versions
    it was started with; ``unit_code`` is the competent unit of that version."""

    __tablename__ = "submissions_submission"
    __table_args__ = (
        Index("ix_submissions_submission_owner_status", "owner_account_id", "status"),
        Index("ix_submissions_submission_unit_status", "unit_code", "status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    procedure_code: Mapped[str] = mapped_column(String(100))
    procedure_version: Mapped[int] = mapped_column(Integer)
    case_code: Mapped[str] = mapped_column(String(100))
    form_key: Mapped[str] = mapped_column(String(100))
    form_version: Mapped[int] = mapped_column(Integer)
    unit_code: Mapped[str] = mapped_column(String(50))
    titles: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"procedure": texts, "case": texts}
    fee_required: Mapped[bool] = mapped_column(Boolean, default=False)
    # the fee as quoted when its self-assessment was issued; the answers are locked then
    fee_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    fee_rule: Mapped[str | None] = mapped_column(String(120))
    owner_account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    applicant_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    status: Mapped[str] = mapped_column(String(20))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    answers_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # expiry e-mail sent
    parties: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)  # set when sent
    registry_entry_id: Mapped[str | None] = mapped_column(String(36))
    registry_number: Mapped[str | None] = mapped_column(String(60))
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    file_number: Mapped[str | None] = mapped_column(String(60))
    handed_over_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the application as a PDF/A (the form read-only, the files' digests, the fee): what
    # is signed; ``application_basis`` is the digest of the answers and files it shows
    application_document_id: Mapped[str | None] = mapped_column(String(36), index=True)
    application_sha256: Mapped[str | None] = mapped_column(String(64))
    application_basis: Mapped[str | None] = mapped_column(String(64))


class SubmissionStep(Base):
    """One move of the engine (or a save), with its time and actor: the history that
    citizens and clerks see."""

    __tablename__ = "submissions_step"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions_submission.id"),
                                               index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))


class SubmissionSignature(Base):
    """A signature of the application: ``simple`` (the authenticated applicant
    confirmed) binds to the SHA-256 of what was signed; ``advanced`` is the application
    PDF signed with the applicant's own certificate, kept as ``document_id`` with the
    validation ``report`` made when it was accepted."""

    __tablename__ = "submissions_signature"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions_submission.id"),
                                               index=True)
    kind: Mapped[str] = mapped_column(String(20))
    signer_account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    signer_login: Mapped[str] = mapped_column(String(100))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_sha256: Mapped[str] = mapped_column(String(64))
    what: Mapped[str] = mapped_column(String(40))
    document_id: Mapped[str | None] = mapped_column(String(36))
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SubmissionAttachment(Base):
    """A file delivered for one required document of the case (one per document code;
    a new upload replaces it while the submission is a draft). The content lives in
    the documents context; ``checks`` keeps what the server found (PDF signatures)."""

    __tablename__ = "submissions_attachment"
    __table_args__ = (UniqueConstraint("submission_id", "document_code"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions_submission.id"),
                                               index=True)
    document_code: Mapped[str] = mapped_column(String(100))
    document_id: Mapped[str] = mapped_column(String(36), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    checks: Mapped[dict[str, Any]] = mapped_column(JSON)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
