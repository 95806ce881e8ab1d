"""Tables of the archive: retention series, archived files (records) with the files of
their archival package, legal holds, destruction lists and fixity runs.

A record is never deleted: after destruction its metadata, package manifest and
certificate remain (the tombstone)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Series(Base):
    """A series of the retention schedule (cuadro de clasificación y calendario de
    conservación): which files belong to it (procedure and, optionally, case), how long
    they are kept from which date, what happens then, and how confidential they are."""

    __tablename__ = "archive_series"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    title: Mapped[dict[str, str]] = mapped_column(JSON)  # {"es": ..., "ca": ..., "en": ...}
    procedure_code: Mapped[str | None] = mapped_column(String(100), index=True)
    case_code: Mapped[str | None] = mapped_column(String(100))
    retention_years: Mapped[int] = mapped_column(Integer, default=0)
    retention_months: Mapped[int] = mapped_column(Integer, default=0)
    retention_days: Mapped[int] = mapped_column(Integer, default=0)
    trigger: Mapped[str] = mapped_column(String(20))  # TriggerKind
    trigger_field: Mapped[str | None] = mapped_column(String(100))  # for METADATA
    action: Mapped[str] = mapped_column(String(30))  # DispositionAction
    sample_percent: Mapped[int | None] = mapped_column(Integer)
    confidentiality: Mapped[str] = mapped_column(String(20))  # Confidentiality
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Record(Base):
    """A closed file received by the archive, with what search and disposition need."""

    __tablename__ = "archive_record"
    __table_args__ = (
        Index("ix_archive_record_due", "status", "retention_until"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files_file.id"), unique=True)
    file_number: Mapped[str] = mapped_column(String(60), unique=True)
    series_code: Mapped[str] = mapped_column(ForeignKey("archive_series.code"), index=True)
    procedure_code: Mapped[str | None] = mapped_column(String(100))
    case_code: Mapped[str | None] = mapped_column(String(100))
    unit_code: Mapped[str] = mapped_column(String(50), index=True)
    subject: Mapped[str] = mapped_column(String(500))
    parties: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolution_date: Mapped[date | None] = mapped_column(Date)
    #: Dates and facts an archivist may add or correct (a trigger may name one).
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    trigger_date: Mapped[date | None] = mapped_column(Date)
    retention_until: Mapped[date | None] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(30))
    confidentiality: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))  # RecordStatus
    transferred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    transferred_by: Mapped[str] = mapped_column(String(100))
    #: The bag's folder under the archive root, and the SHA-256 of its tag manifest.
    package_path: Mapped[str] = mapped_column(String(300))
    package_sha256: Mapped[str] = mapped_column(String(64))
    package_bytes: Mapped[int] = mapped_column(Integer)
    index_document_id: Mapped[str] = mapped_column(String(36))
    receipt_document_id: Mapped[str | None] = mapped_column(String(36))
    destroyed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disposal_list_id: Mapped[int | None] = mapped_column(Integer)
    last_fixity_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_fixity_ok: Mapped[bool | None] = mapped_column(Boolean)


class PackageFile(Base):
    """One payload file of a record's archival package (BagIt ``data/...``)."""

    __tablename__ = "archive_package_file"
    __table_args__ = (UniqueConstraint("record_id", "path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("archive_record.id"), index=True)
    path: Mapped[str] = mapped_column(String(300))  # e.g. data/documents/0001-receipt.pdf
    role: Mapped[str] = mapped_column(String(20))  # document, index, metadata, mets
    document_id: Mapped[str | None] = mapped_column(String(36), index=True)
    version: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    media_type: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    destroyed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Hold(Base):
    """A legal hold: while it is not lifted the record cannot be destroyed."""

    __tablename__ = "archive_hold"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("archive_record.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[str] = mapped_column(String(100))
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lifted_by: Mapped[str | None] = mapped_column(String(100))
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lift_reason: Mapped[str | None] = mapped_column(Text)


class DisposalList(Base):
    """A destruction list of one unit, prepared when periods end, approved by an
    archivist and the unit's head (two different people), executed by the worker."""

    __tablename__ = "archive_disposal_list"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)  # E/2026/0001
    unit_code: Mapped[str] = mapped_column(String(50), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)  # ListStatus
    prepared_at: Mapped[datetime] = mapped_column(UTCDateTime)
    prepared_by: Mapped[str] = mapped_column(String(100))
    archivist_approved_by: Mapped[str | None] = mapped_column(String(100))
    archivist_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    head_approved_by: Mapped[str | None] = mapped_column(String(100))
    head_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    executed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    certificate_document_id: Mapped[str | None] = mapped_column(String(36))
    cancelled_by: Mapped[str | None] = mapped_column(String(100))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str | None] = mapped_column(Text)


class DisposalItem(Base):
    """One record on a destruction list."""

    __tablename__ = "archive_disposal_item"
    __table_args__ = (UniqueConstraint("list_id", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("archive_disposal_list.id"), index=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("archive_record.id"), index=True)
    state: Mapped[str] = mapped_column(String(20))  # ItemState
    excluded_reason: Mapped[str | None] = mapped_column(String(300))


class FixityRun(Base):
    """One integrity check: stored content re-hashed against the manifests."""

    __tablename__ = "archive_fixity_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_by: Mapped[str] = mapped_column(String(100))  # "system" for the schedule
    records_checked: Mapped[int] = mapped_column(Integer, default=0)
    files_checked: Mapped[int] = mapped_column(Integer, default=0)
    problems: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20))  # running, ok, problems


class FixityProblem(Base):
    """Content that no longer matches its checksum, or is missing."""

    __tablename__ = "archive_fixity_problem"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("archive_fixity_run.id"), index=True)
    record_id: Mapped[str | None] = mapped_column(ForeignKey("archive_record.id"))
    where: Mapped[str] = mapped_column(String(20))  # package, blob_store
    path: Mapped[str] = mapped_column(String(300))
    problem: Mapped[str] = mapped_column(String(20))  # mismatch, missing, unreadable
    expected_sha256: Mapped[str | None] = mapped_column(String(64))
    found_sha256: Mapped[str | None] = mapped_column(String(64))
