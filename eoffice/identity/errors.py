"""Errors of the identity context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class InvalidCredentials(DomainError):
    code = "identity.invalid_credentials"
    status = 401
    title = _l("The user name or the password is not correct.")


class AccountLocked(DomainError):
    code = "identity.account_locked"
    status = 401
    title = _l("This account is locked after too many failed attempts. Try again later.")


class UnknownAccount(DomainError):
    code = "identity.unknown_account"
    status = 404
    title = _l("There is no such user.")


class UnknownUnit(DomainError):
    code = "identity.unknown_unit"
    status = 404
    title = _l("There is no such administrative unit.")


class UnknownToken(DomainError):
    code = "identity.unknown_token"
    status = 404
    title = _l("There is no such API token.")


class UnknownWebSession(DomainError):
    """Not a live session of the caller's: someone else's, ended, expired or made up."""

    code = "identity.unknown_web_session"
    status = 404
    title = _l("There is no such session, or it has ended already.")


class InvalidNationalIdNumber(DomainError):
    code = "identity.invalid_national_id"
    status = 422
    title = _l("The identity document number is not valid.")


class ExternalSignInFailed(DomainError):
    code = "identity.external_sign_in_failed"
    status = 401
    title = _l("The identity provider did not confirm who you are.")


class UnknownRole(DomainError):
    code = "identity.unknown_role"
    status = 404
    title = _l("There is no such role.")


class UnknownMembership(DomainError):
    code = "identity.unknown_membership"
    status = 404
    title = _l("This person does not hold that role there.")


class ReauthenticationRequired(DomainError):
    """Signing needs a recent authentication; ``return_to`` is the page to come back to."""

    code = "identity.reauthentication_required"
    status = 401
    title = _l("Confirm who you are again before signing.")

    def __init__(self, *, return_to: str) -> None:
        super().__init__()
        self.return_to = return_to
