"""Server-side web sessions: opened at sign-in, looked up per request, ended at sign-out.

A session ends at the first of: sign-out, its absolute lifetime after sign-in, or an
idle period without requests. ``expires_at`` holds the earlier of the two limits and
slides forward as the person keeps working (at most one write a minute per session).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice.identity.models import Account, WebSession
from eoffice.shared.clock import utcnow

#: Activity moves the idle limit forward only when it gains at least this much.
TOUCH_STEP = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionLimits:
    """How long a session may last in all (``absolute``) and without requests (``idle``)."""

    absolute: timedelta
    idle: timedelta


@dataclass(frozen=True)
class LiveSession:
    """A session that still signs its browser in: whose, since when, until when."""

    account: Account
    authenticated_at: datetime
    expires_at: datetime
    token: str

    def next_expiry(self, limits: SessionLimits, now: datetime) -> datetime | None:
        """The later expiry activity at ``now`` earns, or None when not worth a write."""
        candidate = min(self.authenticated_at + limits.absolute, now + limits.idle)
        return candidate if candidate - self.expires_at >= TOUCH_STEP else None


def token_digest(token: str) -> str:
    """What ``web_session.token_sha256`` holds for ``token`` (never shown to anyone)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_web_session(
    session: Session, account: Account, *, limits: SessionLimits, client: str,
    user_agent: str | None = None,
) -> str:
    """Open a session for ``account``; returns the token the cookie will carry.
    ``user_agent`` (the browser's header, cut to 200 characters) lets its owner tell
    her sessions apart."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(WebSession(
        token_sha256=token_digest(token), account_id=account.id, created_at=now,
        expires_at=now + min(limits.absolute, limits.idle), client=client[:100],
        user_agent=(user_agent or "").strip()[:200] or None,
    ))
    session.flush()
    return token


def find_live_web_session(session: Session, token: str) -> LiveSession | None:
    """The live session of ``token``, or None when ended, expired, unknown or disabled."""
    row = session.scalar(select(WebSession).filter_by(token_sha256=token_digest(token)))
    if row is None or row.ended_at is not None or row.expires_at <= utcnow():
        return None
    account = session.get(Account, row.account_id)
    if account is None or not account.is_active:
        return None
    return LiveSession(account, row.created_at, row.expires_at, token)


def extend_web_session(session: Session, token: str, *, until: datetime) -> None:
    """Move a live session's expiry to ``until`` (activity within the idle period)."""
    session.execute(
        update(WebSession)
        .where(WebSession.token_sha256 == token_digest(token), WebSession.ended_at.is_(None),
               WebSession.expires_at < until)
        .values(expires_at=until)
    )


def end_web_session(session: Session, token: str) -> None:
    """End the session (idempotent): its cookie no longer signs anyone in."""
    session.execute(
        update(WebSession)
        .where(WebSession.token_sha256 == token_digest(token), WebSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def end_all_web_sessions(session: Session, account_id: int) -> None:
    """End every open session of an account (e.g. when it is disabled)."""
    session.execute(
        update(WebSession)
        .where(WebSession.account_id == account_id, WebSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
