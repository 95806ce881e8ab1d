"""Tables of the documents context: documents (ENI metadata), their immutable versions
and the signatures each version carries. Content lives in the blob store by SHA-256."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Document(Base):
    """A document the office keeps: its ENI metadata and its verification code.

    Never changed in place: new content is a new :class:`DocumentVersion`, and
    ``current_version`` points to the latest.
    """

    __tablename__ = "documents_document"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    identifier: Mapped[str] = mapped_column(String(80), unique=True)
    doc_type: Mapped[str] = mapped_column(String(30))
    eni_type: Mapped[str] = mapped_column(String(4))
    title: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(5))
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"), index=True)
    origin: Mapped[str] = mapped_column(String(20))
    elaboration_state: Mapped[str] = mapped_column(String(4))
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime)
    verification_code: Mapped[str] = mapped_column(String(20), unique=True)
    current_version: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100))


class DocumentVersion(Base):
    """One immutable content of a document, addressed by its SHA-256 in the blob store."""

    __tablename__ = "documents_version"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents_document.id"))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    pdfa_conforms: Mapped[bool] = mapped_column(Boolean)
    attachments: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    #: When and why the content was destroyed (disposition); the row stays (tombstone).
    destroyed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    destroyed_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)


class DocumentSignature(Base):
    """A signature or seal applied to a version when it was issued."""

    __tablename__ = "documents_signature"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("documents_version.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(10))
    signer: Mapped[str] = mapped_column(String(300))
    certificate_sha256: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    test_pki: Mapped[bool] = mapped_column(Boolean)


class SignatureCircuit(Base):
    """A document sent round officials' signature trays, in order or all at once."""

    __tablename__ = "documents_circuit"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents_document.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"), index=True)
    mode: Mapped[str] = mapped_column(String(12))
    state: Mapped[str] = mapped_column(String(12), index=True)
    started_by: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SignatureStep(Base):
    """One signer of a circuit: what the tray shows them and what they did."""

    __tablename__ = "documents_circuit_step"
    __table_args__ = (UniqueConstraint("circuit_id", "position"),
                      UniqueConstraint("circuit_id", "signer"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circuit_id: Mapped[str] = mapped_column(ForeignKey("documents_circuit.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    signer: Mapped[str] = mapped_column(String(100), index=True)
    state: Mapped[str] = mapped_column(String(12))
    acted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reason: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    version_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
