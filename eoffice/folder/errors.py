"""Errors of the citizen folder, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownPurpose(DomainError):
    code = "folder.unknown_purpose"
    status = 404
    title = _l("There is no such purpose of consent.")


class ConsentUnchanged(DomainError):
    code = "folder.consent_unchanged"
    status = 409
    title = _l("Your consent to this purpose is already as you asked.")
