"""Idempotency keys: a write a client may retry runs once per key; the same key returns
the first result and performs nothing twice (../shared/API.md, "Conventions").

The key row is written in the same transaction as the write it guards, so a crash
loses both or keeps both. Two concurrent requests with one key: the database's unique
constraint makes the second wait (PostgreSQL) or run after the first (SQLite's
``BEGIN IMMEDIATE``) and then find the stored result.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from eoffice.shared.clock import utcnow
from eoffice.shared.db import Base, UTCDateTime
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l

MAX_KEY_LENGTH = 200


class IdempotencyKey(Base):
    """The first result of a write made under a client's key."""

    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("owner", "scope", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH))
    request_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class KeyReused(DomainError):
    code = "shared.idempotency_key_reused"
    status = 422
    title = _l("This Idempotency-Key was used for a different request.")


class InvalidKey(DomainError):
    code = "shared.invalid_idempotency_key"
    status = 400
    title = _l("The Idempotency-Key header must be 1 to 200 printable characters.")


@dataclass(frozen=True)
class StoredResult:
    status: int
    body: dict[str, Any]


def check_key(key: str) -> str:
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidKey()
    return key


def request_digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def find_result(session: Session, *, owner: str, scope: str, key: str,
                request_sha256: str) -> StoredResult | None:
    """The stored result of ``key``, None if new; KeyReused when it guarded another
    request."""
    found = session.scalar(select(IdempotencyKey).where(
        IdempotencyKey.owner == owner, IdempotencyKey.scope == scope,
        IdempotencyKey.key == check_key(key)))
    if found is None:
        return None
    if found.request_sha256 != request_sha256:
        raise KeyReused()
    return StoredResult(found.status, found.body)


def store_result(session: Session, *, owner: str, scope: str, key: str,
                 request_sha256: str, status: int, body: dict[str, Any]) -> None:
    """Keep the result of the write under ``key``, in the write's transaction."""
    session.add(IdempotencyKey(owner=owner, scope=scope, key=check_key(key),
                               request_sha256=request_sha256, status=status, body=body,
                               created_at=utcnow()))
    session.flush()
