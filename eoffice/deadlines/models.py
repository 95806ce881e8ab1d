"""Tables of the deadlines context: the holidays of the city's calendar (seeded from the
`holidays` library or entered by an administrator) and the legal deadlines of subjects
of other contexts (a file's resolution term...) with their suspensions and extensions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Holiday(Base):
    """A non-working day: national (``region`` is the country), regional or local."""

    __tablename__ = "deadlines_holiday"
    __table_args__ = (UniqueConstraint("day", "scope", "region"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    scope: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(20))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(20))
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Deadline(Base):
    """The legal term of one subject (``file`` 42's ``resolution``...)."""

    __tablename__ = "deadlines_deadline"
    __table_args__ = (
        Index("ix_deadlines_deadline_subject", "subject_kind", "subject_id"),
        Index("ix_deadlines_deadline_state_due", "state", "due_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    started_on: Mapped[date] = mapped_column(Date)
    term_value: Mapped[int] = mapped_column(Integer)
    term_unit: Mapped[str] = mapped_column(String(20))
    extension: Mapped[int] = mapped_column(Integer, default=0)
    due_on: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20))
    silence_effect: Mapped[str | None] = mapped_column(String(20))
    closed_on: Mapped[date | None] = mapped_column(Date)
    warned_for: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class Suspension(Base):
    """Days a deadline does not run (a requirement to the citizen is pending...)."""

    __tablename__ = "deadlines_suspension"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines_deadline.id"), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    suspended_by: Mapped[str] = mapped_column(String(100))
    resumed_by: Mapped[str | None] = mapped_column(String(100))


class Extension(Base):
    """An extension granted to a deadline (art. 32: at most half of the term in all)."""

    __tablename__ = "deadlines_extension"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines_deadline.id"), index=True)
    value: Mapped[int] = mapped_column(Integer)
    granted_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    granted_by: Mapped[str] = mapped_column(String(100))
