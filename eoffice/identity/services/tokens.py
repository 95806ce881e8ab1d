"""API bearer tokens: issued once in clear, stored as a SHA-256, revocable."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity.errors import UnknownToken
from eoffice.identity.models import Account, ApiToken
from eoffice.shared.clock import utcnow

PREFIX = "eo"


@dataclass(frozen=True)
class IssuedToken:
    """A token as shown to its owner once: ``secret`` is never stored."""

    token: ApiToken
    secret: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_token(
    session: Session, account: Account, *, name: str, valid_for: timedelta, actor: str
) -> IssuedToken:
    """Create a token ``eo_<public id>_<secret>`` for ``account``."""
    public_id = secrets.token_hex(8)
    secret = f"{PREFIX}_{public_id}_{secrets.token_urlsafe(32)}"
    now = utcnow()
    token = ApiToken(
        public_id=public_id, account_id=account.id, name=name[:100],
        secret_sha256=_digest(secret), created_at=now, expires_at=now + valid_for,
    )
    session.add(token)
    session.flush()
    audit.record_event(
        session, "identity.token_issued", actor=actor, object_type="api_token",
        object_id=public_id, data={"account": account.login, "name": token.name},
    )
    return IssuedToken(token, secret)


def account_for_token(session: Session, secret: str) -> Account | None:
    """The active account a presented token belongs to, or None if it is not valid now."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    token = session.scalar(select(ApiToken).filter_by(public_id=parts[1]))
    if token is None or not hmac.compare_digest(token.secret_sha256, _digest(secret)):
        return None
    if token.revoked_at is not None or token.expires_at <= utcnow():
        return None
    account = session.get(Account, token.account_id)
    return account if account is not None and account.is_active else None


def revoke_token(session: Session, public_id: str, *, actor: str, owner_id: int | None) -> None:
    """Revoke a token (only the owner's when ``owner_id`` is given); idempotent."""
    query = select(ApiToken).filter_by(public_id=public_id)
    if owner_id is not None:
        query = query.filter_by(account_id=owner_id)
    token = session.scalar(query)
    if token is None:
        raise UnknownToken()
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record_event(
            session, "identity.token_revoked", actor=actor, object_type="api_token",
            object_id=public_id,
        )


def list_tokens(session: Session, account_id: int) -> list[ApiToken]:
    query = select(ApiToken).filter_by(account_id=account_id).order_by(ApiToken.id)
    return list(session.scalars(query))
