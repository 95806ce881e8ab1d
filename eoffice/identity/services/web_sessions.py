"""Server-side web sessions: opened at sign-in, looked up per request, ended at sign-out."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice.identity.models import Account, WebSession
from eoffice.shared.clock import utcnow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_web_session(
    session: Session, account: Account, *, lasts: timedelta, client: str
) -> str:
    """Open a session for ``account``; returns the token the cookie will carry."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(WebSession(
        token_sha256=_digest(token), account_id=account.id, created_at=now,
        expires_at=now + lasts, client=client[:100],
    ))
    session.flush()
    return token


def account_for_web_session(session: Session, token: str) -> Account | None:
    """The active account of a live session, or None when ended, expired or unknown."""
    row = session.scalar(select(WebSession).filter_by(token_sha256=_digest(token)))
    if row is None or row.ended_at is not None or row.expires_at <= utcnow():
        return None
    account = session.get(Account, row.account_id)
    return account if account is not None and account.is_active else None


def end_web_session(session: Session, token: str) -> None:
    """End the session (idempotent): its cookie no longer signs anyone in."""
    session.execute(
        update(WebSession)
        .where(WebSession.token_sha256 == _digest(token), WebSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def end_all_web_sessions(session: Session, account_id: int) -> None:
    """End every open session of an account (e.g. when it is disabled)."""
    session.execute(
        update(WebSession)
        .where(WebSession.account_id == account_id, WebSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
