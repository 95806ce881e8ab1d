"""Tables of the governing bodies: the bodies (single-person and collegiate) with their
members, delegations of competence, the competent body per procedure, the book of
resolutions with its gap-free counter, and the life of a collegiate body's work:
proposals of agreement, sessions (``Meeting``: "session" is the database's word here),
agenda items with their votes, attendance, and the certificates of agreements.

Members are staff accounts (their login), as in the signature tray."""

from __future__ import annotations

from datetime import date, datetime

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


class Body(Base):
    """A governing body: single-person (the mayor, a councillor with delegated powers)
    or collegiate (the local government board, the plenary)."""

    __tablename__ = "bodies_body"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(50), unique=True)  # "mayor", "local_board"
    kind: Mapped[str] = mapped_column(String(20))  # BodyKind: single, collegiate
    name: Mapped[dict[str, str]] = mapped_column(JSON)  # {"es", "ca", "en"}
    unit_code: Mapped[str] = mapped_column(String(50))  # the unit that serves it
    quorum_percent: Mapped[int | None] = mapped_column(Integer)  # collegiate: for a session
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BodyMember(Base):
    """Who holds or sits on a body, in which role, from when to when (both included)."""

    __tablename__ = "bodies_member"
    __table_args__ = (
        Index("ix_bodies_member_body_login", "body_id", "login"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"))
    login: Mapped[str] = mapped_column(String(100), index=True)
    role: Mapped[str] = mapped_column(String(20))  # MemberRole: holder, chair, secretary, member
    voting: Mapped[bool] = mapped_column(Boolean, default=True)  # the secretary does not vote
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Competence(Base):
    """The body competent to resolve a procedure (original competence, before any
    delegation)."""

    __tablename__ = "bodies_competence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_code: Mapped[str] = mapped_column(String(100), unique=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"), index=True)


class Delegation(Base):
    """A delegation of competence from one body to another (the mayor to a councillor,
    or to the local government board): for one procedure or all (``procedure_code``
    None), from ``valid_from`` to ``valid_to`` both included, unless revoked."""

    __tablename__ = "bodies_delegation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delegating_body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"), index=True)
    delegate_body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"), index=True)
    procedure_code: Mapped[str | None] = mapped_column(String(100))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(200))  # the decree that delegated
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class Resolution(Base):
    """A resolution (decree) of a single-person body in the book of resolutions. It is
    numbered (``year``, ``number``) in the book of its competent body when its last
    signature is applied; unsigned or rejected ones stay without a number."""

    __tablename__ = "bodies_resolution"
    __table_args__ = (
        UniqueConstraint("body_id", "year", "number"),
        Index("ix_bodies_resolution_book", "body_id", "year", "number"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"))  # competent body
    acting_body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"))  # who signs
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("bodies_delegation.id"))
    document_id: Mapped[str] = mapped_column(String(36), unique=True)
    circuit_id: Mapped[str | None] = mapped_column(String(36), index=True)
    file_id: Mapped[str | None] = mapped_column(String(36), index=True)
    file_number: Mapped[str | None] = mapped_column(String(50))
    procedure_code: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(20))  # ResolutionState
    year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    signed_by: Mapped[str | None] = mapped_column(String(100))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class ResolutionCounter(Base):
    """The gap-free counter of a body's book of resolutions for a year."""

    __tablename__ = "bodies_resolution_counter"

    body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Proposal(Base):
    """A proposal of agreement prepared from a file for a collegiate body; accepted by
    the secretary's office, it waits for a session's agenda."""

    __tablename__ = "bodies_proposal"
    __table_args__ = (
        Index("ix_bodies_proposal_state", "body_id", "state"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"))
    file_id: Mapped[str | None] = mapped_column(String(36), index=True)
    file_number: Mapped[str | None] = mapped_column(String(50))
    procedure_code: Mapped[str | None] = mapped_column(String(100))
    unit_code: Mapped[str] = mapped_column(String(50))  # the unit that proposes
    title: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)  # the proposed agreement
    document_id: Mapped[str | None] = mapped_column(String(36))  # the proposal as PDF/A
    state: Mapped[str] = mapped_column(String(20))  # ProposalState
    outcome_reason: Mapped[str | None] = mapped_column(Text)  # returned / not adopted
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_by: Mapped[str | None] = mapped_column(String(100))


class Meeting(Base):
    """A session of a collegiate body: convened, held, its minutes signed by the
    secretary with the chair's approval. Numbered per body and year when convened."""

    __tablename__ = "bodies_meeting"
    __table_args__ = (
        UniqueConstraint("body_id", "year", "number"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # MeetingKind: ordinary, extraordinary
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20))  # MeetingState
    year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    convened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    minutes_document_id: Mapped[str | None] = mapped_column(String(36), index=True)
    minutes_circuit_id: Mapped[str | None] = mapped_column(String(36), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class MeetingCounter(Base):
    """The gap-free counter of a collegiate body's sessions for a year."""

    __tablename__ = "bodies_meeting_counter"

    body_id: Mapped[int] = mapped_column(ForeignKey("bodies_body.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class AgendaItem(Base):
    """An item of a session's agenda: always a proposal; after the vote, the counts and
    the result, and the certificate of the agreement issued into the file."""

    __tablename__ = "bodies_agenda_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "position"),
        UniqueConstraint("proposal_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("bodies_meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("bodies_proposal.id"))
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstentions: Mapped[int | None] = mapped_column(Integer)
    casting_vote: Mapped[str | None] = mapped_column(String(10))  # CastingVote, on a tie
    voters_present: Mapped[int | None] = mapped_column(Integer)  # when it was voted
    result: Mapped[str] = mapped_column(String(20))  # ItemResult: pending, adopted, …
    certificate_document_id: Mapped[str | None] = mapped_column(String(36))
    certificate_circuit_id: Mapped[str | None] = mapped_column(String(36), index=True)


class Attendance(Base):
    """Whether a member attended a session (recorded when the session is held)."""

    __tablename__ = "bodies_attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "login"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("bodies_meeting.id"))
    login: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))  # MemberRole at the session
    voting: Mapped[bool] = mapped_column(Boolean)
    present: Mapped[bool] = mapped_column(Boolean)  # now (at the end, once closed)
    attended: Mapped[bool] = mapped_column(Boolean, default=False)  # at any time
    convocation_id: Mapped[str | None] = mapped_column(String(36))  # the notification
