"""Tables of the identity context: people, accounts, tokens, units, roles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eoffice.shared.db import Base, UTCDateTime


class Person(Base):
    """A natural or legal person, identified by a validated national id."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("id_type", "id_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    id_type: Mapped[str] = mapped_column(String(10))
    id_number: Mapped[str] = mapped_column(String(30))
    given_name: Mapped[str | None] = mapped_column(String(200))
    family_names: Mapped[str | None] = mapped_column(String(200))
    legal_name: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Contact details and notification preferences (the citizen folder edits them).
    phone: Mapped[str | None] = mapped_column(String(30))
    postal_address: Mapped[str | None] = mapped_column(String(500))
    preferred_language: Mapped[str | None] = mapped_column(String(5))
    #: "electronic" or "postal": how the person is notified. Legal persons are always
    #: notified electronically (Law 39/2015 art. 14.2); natural persons may choose.
    notification_channel: Mapped[str] = mapped_column(String(10), default="electronic",
                                                      server_default="electronic")
    #: Whether to send an e-mail alert when a notification is made available.
    email_alerts: Mapped[bool] = mapped_column(Boolean, default=True,
                                               server_default=sa_true())
    contact_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def display_name(self) -> str:
        if self.legal_name:
            return self.legal_name
        return " ".join(part for part in (self.given_name, self.family_names) if part)


class Account(Base):
    """Credentials and sign-in state of a person who uses eoffice."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    person: Mapped[Person] = relationship(lazy="joined")


class ExternalIdentity(Base):
    """The link between an account and a subject at an OpenID Connect provider."""

    __tablename__ = "external_identity"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    issuer: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ApiToken(Base):
    """A revocable API bearer token; only the SHA-256 of the secret is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    secret_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Unit(Base):
    """An administrative unit of the city; units form a tree."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)


class Role(Base):
    """A named set of permissions (data, maintained by administrators)."""

    __tablename__ = "role"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(50), unique=True)
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    permissions: Mapped[list[str]] = mapped_column(JSON)


class Membership(Base):
    """A role an account holds in a unit (and its sub-units), or everywhere."""

    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("account_id", "role_id", "unit_id"),
        # NULLs are distinct in a unique constraint: a global role needs its own index.
        Index(
            "uq_membership_global_role", "account_id", "role_id", unique=True,
            sqlite_where=text("unit_id IS NULL"), postgresql_where=text("unit_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)


class WebSession(Base):
    """A signed-in browser session, kept on the server so that signing out ends it.

    The cookie carries a random token; only its SHA-256 is stored.
    """

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    client: Mapped[str] = mapped_column(String(100))
    #: The browser's User-Agent at sign-in, cut to 200 characters (shown to its owner).
    user_agent: Mapped[str | None] = mapped_column(String(200))
