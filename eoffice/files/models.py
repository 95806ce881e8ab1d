"""Tables of the files context: administrative files and their yearly counters, the
documents of a file (never deleted; every version its own row), internal annotations,
the actions history (the timeline) and the movements of a file between units."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
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
    """An administrative file (expediente): number (from the opening unit, ``unit_code``),
    the unit now responsible for it, procedure, parties, the registry entry (and
    application) that opened it, and its closure with the sealed index."""

    __tablename__ = "files_file"
    __table_args__ = (UniqueConstraint("unit_code", "year", "sequence"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    responsible_unit: Mapped[str] = mapped_column(ForeignKey("unit.code"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    procedure_code: Mapped[str | None] = mapped_column(String(100))
    case_code: Mapped[str | None] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(500))
    parties: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    registry_entry_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    submission_id: Mapped[str | None] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(20))
    phase: Mapped[str] = mapped_column(String(30), default="in_process",
                                       server_default="in_process")
    phase_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    opened_by: Mapped[str] = mapped_column(String(100))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(100))
    index_document_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents_document.id"))


class FileDocument(Base):
    """One version of a document of the documents context, in a file at ``position``.
    Rows are never deleted or changed; a new version of a document is a new row."""

    __tablename__ = "files_document"
    __table_args__ = (UniqueConstraint("file_id", "position"),
                      UniqueConstraint("file_id", "document_id", "version"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files_file.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents_document.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(String(100))


class FileAnnotation(Base):
    """An internal note on a file, for staff only (never shown to citizens)."""

    __tablename__ = "files_annotation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files_file.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    unit_code: Mapped[str] = mapped_column(String(50))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    written_by: Mapped[str] = mapped_column(String(100))


class FileAction(Base):
    """One change to a file (the timeline): when, who, what kind, and its details."""

    __tablename__ = "files_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files_file.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class FileMovement(Base):
    """A file sent from one unit to another: ``sent`` until the other unit receives it
    (it becomes responsible), ``returned`` when it sends it back (before or after)."""

    __tablename__ = "files_movement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files_file.id"), index=True)
    from_unit: Mapped[str] = mapped_column(ForeignKey("unit.code"))
    to_unit: Mapped[str] = mapped_column(ForeignKey("unit.code"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_by: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_by: Mapped[str | None] = mapped_column(String(100))
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    returned_by: Mapped[str | None] = mapped_column(String(100))
    return_reason: Mapped[str | None] = mapped_column(String(500))


class FileParty(Base):
    """One party of a file, indexed by national id (upper case), so a citizen's files and
    those of the people she represents are found without reading every file's parties."""

    __tablename__ = "files_party"
    __table_args__ = (UniqueConstraint("file_id", "id_number", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files_file.id"), index=True)
    id_type: Mapped[str] = mapped_column(String(20))
    id_number: Mapped[str] = mapped_column(String(30), index=True)
    name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(30))


class FileViewMark(Base):
    """When a member of staff's view of a file was last written to the audit log: at most
    one ``files.file_viewed`` event per person, file and hour."""

    __tablename__ = "files_view_mark"
    __table_args__ = (UniqueConstraint("file_id", "actor"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files_file.id"))
    actor: Mapped[str] = mapped_column(String(100))
    audited_at: Mapped[datetime] = mapped_column(UTCDateTime)
