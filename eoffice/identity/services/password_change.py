"""Changing one's own password: the current one is proven first (counted like a sign-in,
with its lockout), the new one must pass the password policy, and then every web session
of the account ends while its API tokens stay (ADR 0053)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity import passwords
from eoffice.identity.errors import AccountLocked
from eoffice.identity.models import Account, Person
from eoffice.identity.password_policy import PRODUCT_NAME, check_new_password, weak_password
from eoffice.identity.services.directory import list_memberships
from eoffice.identity.services.sign_in import LockoutPolicy, sign_in_with_password
from eoffice.identity.services.web_sessions import end_all_web_sessions
from eoffice.settings import Settings
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _l


class NoPassword(DomainError):
    """The account signs in only through an identity provider: no password to change."""

    code = "identity.no_password"
    status = 404
    title = _l("This account has no password here: it signs in with a digital identity.")


class WrongCurrentPassword(DomainError):
    code = "identity.wrong_current_password"
    status = 422
    title = _l("Your current password is not correct.")


@dataclass(frozen=True)
class PasswordRules:
    """What a password change is checked against: the policy's minimum length, the city
    whose name is banned in passwords, and the sign-in lockout the current one counts in."""

    min_length: int
    city_name: str
    lockout: LockoutPolicy

    @classmethod
    def of(cls, settings: Settings) -> PasswordRules:
        return cls(settings.password_min_length, settings.city_name, LockoutPolicy.of(settings))


@dataclass(frozen=True)
class PasswordChangeOutcome:
    """The account whose password changed, or the error to show (nothing changed)."""

    account: Account | None
    error: DomainError | None


def password_context(session: Session, account: Account, *, city_name: str) -> list[str]:
    """The words banned in the account's passwords: its login, the person's names and the
    local part of her e-mail address, the city, the product and the codes of her units."""
    person = session.get_one(Person, account.person_id)
    email = person.email.partition("@")[0] if person.email else None
    units = [code for _role, code in list_memberships(session, account) if code]
    return [text for text in (account.login, person.given_name, person.family_names,
                              person.legal_name, email, city_name, PRODUCT_NAME, *units)
            if text]


def _refusal(error: DomainError | None) -> DomainError:
    if isinstance(error, AccountLocked):
        return error
    return WrongCurrentPassword(errors=[FieldError(
        "current_password", str(WrongCurrentPassword.title), "wrong_password")])


def change_password(
    session: Session,
    account_id: int,
    *,
    current_password: str,
    new_password: str,
    rules: PasswordRules,
    client: str,
    via: str,
) -> PasswordChangeOutcome:
    """Replace the account's password after checking the current one and the policy.

    A wrong current password counts as a failed sign-in (audited, towards the lock) and
    is returned, never raised, so the caller commits the count in every case; so is a
    new password the policy refuses (:class:`WeakPassword`). On success the new Argon2id
    hash is stored, every web session of the account ends (the caller opens a new one
    for the browser that asked, if any) and ``identity.password_changed`` is audited;
    API tokens keep working. ``via`` says where the change came from (``web``, ``api``).
    """
    account = session.get(Account, account_id)
    if account is None or not account.password_hash:
        raise NoPassword()
    proven = sign_in_with_password(session, account.login, current_password,
                                   policy=rules.lockout, client=client, reauthentication=True)
    if proven.account is None:
        return PasswordChangeOutcome(None, _refusal(proven.error))
    problems = check_new_password(
        new_password, context=password_context(session, account, city_name=rules.city_name),
        login=account.login, min_length=rules.min_length)
    if problems:
        return PasswordChangeOutcome(None, weak_password(problems, field="new_password",
                                                         min_length=rules.min_length))
    account.password_hash = passwords.hash_password(new_password)
    end_all_web_sessions(session, account.id)
    audit.record_event(
        session, "identity.password_changed", actor=account.login, object_type="account",
        object_id=account.login,
        data={"via": via, "client": client, "web_sessions": "ended", "api_tokens": "kept"},
    )
    session.flush()
    return PasswordChangeOutcome(account, None)
