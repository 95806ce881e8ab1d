"""Tables of the notifications context: electronic notifications and communications with
the events of their legal life cycle (the evidence of what happened, and when)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Notification(Base):
    """A notification (legal effect) or communication (information) of a document of a
    file to one addressee, and where it stands in its life cycle."""

    __tablename__ = "notifications_notification"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_id: Mapped[str | None] = mapped_column(ForeignKey("files_file.id"), index=True)
    file_number: Mapped[str | None] = mapped_column(String(60), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents_document.id"), index=True)
    addressee_id_number: Mapped[str] = mapped_column(String(30), index=True)
    addressee_name: Mapped[str] = mapped_column(String(300))
    representative_id_number: Mapped[str | None] = mapped_column(String(30), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), index=True)
    subject: Mapped[str] = mapped_column(String(500))
    sending_unit: Mapped[str] = mapped_column(ForeignKey("unit.code"), index=True)
    procedure_code: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    available_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    accessed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accessed_by: Mapped[str | None] = mapped_column(String(300))
    rejected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    exit_entry_id: Mapped[str | None] = mapped_column(String(36))
    exit_number: Mapped[str | None] = mapped_column(String(60))
    evidence_document_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents_document.id"), index=True)
    postal_document_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents_document.id"))
    alert_status: Mapped[str | None] = mapped_column(String(200))


class NotificationEvent(Base):
    """One event of a notification's life cycle: when, what, who (and for whom)."""

    __tablename__ = "notifications_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notification_id: Mapped[str] = mapped_column(
        ForeignKey("notifications_notification.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(100))
    acting_for: Mapped[str | None] = mapped_column(String(300))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
