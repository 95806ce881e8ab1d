"""Signing in: with a password (with lockout) or through an OpenID Connect provider."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity import passwords
from eoffice.identity.domain import IdType, PersonKind, is_locked, lock_after_failure
from eoffice.identity.errors import AccountLocked, ExternalSignInFailed, InvalidCredentials
from eoffice.identity.models import Account, ExternalIdentity, Person
from eoffice.identity.roles import CITIZEN_ROLE
from eoffice.identity.services.directory import assign_role
from eoffice.settings import Settings
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _

CLOCK_SKEW = timedelta(seconds=30)


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int
    lock_for: timedelta

    @classmethod
    def of(cls, settings: Settings) -> LockoutPolicy:
        """The lockout this deployment configures (``EOFFICE_SIGN_IN_*``)."""
        return cls(settings.sign_in_max_failures,
                   timedelta(minutes=settings.sign_in_lock_minutes))


@dataclass(frozen=True)
class SignInOutcome:
    """The account that signed in, or the error to show (already audited)."""

    account: Account | None
    error: DomainError | None


def sign_in_with_password(
    session: Session,
    login: str,
    password: str,
    *,
    policy: LockoutPolicy,
    client: str,
    reauthentication: bool = False,
) -> SignInOutcome:
    """Check a password; failures count towards a lock and are audited, never raised.

    The caller commits in every case, so the failure counter and the audit
    trail are kept even though the sign-in failed. A ``reauthentication`` (a person
    signed in confirming who she is before signing) is audited as such.
    """
    now = utcnow()
    account = session.scalar(select(Account).where(func.lower(Account.login) == login.lower()))
    if account is None or not account.is_active:
        passwords.verify_password(None, password)
        # a login that names no account may be a password typed in the wrong field: not kept
        _audit_failure(session, "unknown" if account is None else account.login,
                       reason="unknown_account" if account is None else "inactive_account",
                       client=client)
        return SignInOutcome(None, InvalidCredentials())
    if is_locked(account.locked_until, now):
        _audit_failure(session, account.login, reason="locked", client=client)
        return SignInOutcome(None, AccountLocked())
    if account.locked_until is not None:  # the lock has run out: start counting afresh
        account.failed_sign_ins, account.locked_until = 0, None
    if not passwords.verify_password(account.password_hash, password):
        account.failed_sign_ins += 1
        account.locked_until = lock_after_failure(
            account.failed_sign_ins, now, max_failures=policy.max_failures, lock_for=policy.lock_for
        )
        _audit_failure(session, account.login, reason="wrong_password", client=client)
        if account.locked_until is not None:
            audit.record_event(
                session,
                "identity.account_locked",
                actor="system",
                object_type="account",
                object_id=account.login,
                data={"until": account.locked_until.isoformat(), "client": client},
            )
            return SignInOutcome(None, AccountLocked())
        return SignInOutcome(None, InvalidCredentials())
    if account.password_hash and passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
    _succeed(session, account, method="password", client=client,
             reauthentication=reauthentication)
    return SignInOutcome(account, None)


def sign_in_external(
    session: Session, *, issuer: str, claims: dict[str, Any], client: str
) -> SignInOutcome:
    """The account linked to the subject (``sub``) at ``issuer``, whose identity the caller
    has verified; a first visit creates a citizen account. Failures are audited, not raised.
    """
    subject = str(claims.get("sub") or "")
    if not subject:
        _audit_failure(session, "oidc", reason="oidc_without_subject", client=client)
        return SignInOutcome(None, ExternalSignInFailed())
    link = session.scalar(select(ExternalIdentity).filter_by(issuer=issuer, subject=subject))
    if link is not None:
        account = session.get_one(Account, link.account_id)
    else:
        account = _create_external_account(session, issuer=issuer, subject=subject, claims=claims)
    if not account.is_active:
        _audit_failure(session, account.login, reason="inactive_account", client=client)
        return SignInOutcome(None, ExternalSignInFailed(_("This account is disabled.")))
    _succeed(session, account, method="oidc", client=client)
    return SignInOutcome(account, None)


def _create_external_account(
    session: Session, *, issuer: str, subject: str, claims: dict[str, Any]
) -> Account:
    now = utcnow()
    given_name, family_names = claims.get("given_name"), claims.get("family_name")
    if not given_name:  # only a full name (or nothing): keep it whole
        given_name, family_names = claims.get("name") or subject, None
    email = claims.get("email")
    person = Person(
        kind=PersonKind.NATURAL,
        id_type=IdType.EXTERNAL,
        id_number=hashlib.sha256(f"{issuer}|{subject}".encode()).hexdigest()[:30],
        given_name=str(given_name)[:200],
        family_names=str(family_names)[:200] if family_names else None,
        email=email[:320] if isinstance(email, str) and email else None,
        created_at=now,
    )
    session.add(person)
    session.flush()
    login = f"oidc-{person.id}"
    account = Account(login=login, person_id=person.id, created_at=now, failed_sign_ins=0)
    session.add(account)
    session.flush()
    session.add(ExternalIdentity(account_id=account.id, issuer=issuer, subject=subject,
                                 created_at=now))
    assign_role(session, account, CITIZEN_ROLE, unit_code=None, actor="system")
    audit.record_event(
        session, "identity.account_created", actor="system", object_type="account",
        object_id=login, data={"issuer": issuer, "via": "oidc"},
    )
    return account


def confirm_external(
    session: Session, *, issuer: str, claims: dict[str, Any], login: str,
    since: datetime, client: str,
) -> SignInOutcome:
    """Re-authentication through the provider: the confirmed subject must be the one
    linked to ``login`` (no account is created) and must have authenticated at or after
    ``since`` (``auth_time``, a few seconds of clock skew allowed); audited either way."""
    subject = str(claims.get("sub") or "")
    link = session.scalar(select(ExternalIdentity).filter_by(issuer=issuer, subject=subject))
    account = session.get(Account, link.account_id) if link is not None else None
    if account is None or account.login != login or not account.is_active:
        _audit_failure(session, login, reason="reauthentication_by_another", client=client)
        return SignInOutcome(None, ExternalSignInFailed())
    auth_time = claims.get("auth_time")
    if not isinstance(auth_time, int | float) or isinstance(auth_time, bool) or (
            auth_time < (since - CLOCK_SKEW).timestamp()):
        _audit_failure(session, login, reason="reauthentication_not_fresh", client=client)
        return SignInOutcome(None, ExternalSignInFailed(
            _("The identity provider did not confirm that you authenticated again.")))
    _succeed(session, account, method="oidc", client=client, reauthentication=True)
    return SignInOutcome(account, None)


def _succeed(session: Session, account: Account, *, method: str, client: str,
             reauthentication: bool = False) -> None:
    account.failed_sign_ins = 0
    account.locked_until = None
    account.last_sign_in_at = utcnow()
    action = "identity.reauthenticated" if reauthentication else "identity.signed_in"
    audit.record_event(
        session, action, actor=account.login, object_type="account",
        object_id=account.login, data={"method": method, "client": client},
    )


def _audit_failure(session: Session, login: str, *, reason: str, client: str) -> None:
    audit.record_event(
        session, "identity.sign_in_failed", actor="anonymous", object_type="account",
        object_id=login[:100], data={"reason": reason, "client": client},
    )
