"""Errors of the registry context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownRegister(DomainError):
    code = "registry.unknown_register"
    status = 404
    title = _l("There is no such register.")


class UnknownEntry(DomainError):
    code = "registry.unknown_entry"
    status = 404
    title = _l("There is no such registry entry.")


class RegisterClosed(DomainError):
    code = "registry.register_closed"
    status = 409
    title = _l("This register does not accept entries.")


class InvalidEntry(DomainError):
    code = "registry.invalid_entry"
    status = 422
    title = _l("The entry is incomplete.")


class NotAllowedMove(DomainError):
    code = "registry.move_not_allowed"
    status = 409
    title = _l("An entry in this state cannot make that move.")


class ReasonRequired(DomainError):
    code = "registry.reason_required"
    status = 422
    title = _l("Give the reason for returning or cancelling the entry.")
