"""Errors of the representation context, with their stable codes. The refusals of
:func:`check_power` share the base :class:`RepresentationRefused` (403)."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class RepresentationRefused(DomainError):
    """Acting for someone else is refused (no code of its own: see its subclasses)."""

    status = 403


class NoPower(RepresentationRefused):
    code = "representation.no_power"
    title = _l("You hold no power of representation from this person or company.")


class PowerRevoked(RepresentationRefused):
    code = "representation.power_revoked"
    title = _l("The power of representation was revoked.")


class PowerExpired(RepresentationRefused):
    code = "representation.power_expired"
    title = _l("The power of representation has expired.")


class PowerNotYetValid(RepresentationRefused):
    code = "representation.power_not_yet_valid"
    title = _l("The power of representation is not valid yet.")


class OutsideScope(RepresentationRefused):
    code = "representation.outside_scope"
    title = _l("The power of representation does not cover this procedure or file.")


class UnknownPower(DomainError):
    code = "representation.unknown_power"
    status = 404
    title = _l("There is no such power of representation.")


class InvalidPower(DomainError):
    code = "representation.invalid_power"
    status = 422
    title = _l("The power of representation is not valid.")


class NotGrantor(DomainError):
    code = "representation.not_grantor"
    status = 403
    title = _l("Only the grantor, or a company's legal representative, may grant this power.")


class AlreadyRevoked(DomainError):
    code = "representation.already_revoked"
    status = 409
    title = _l("This power of representation was already revoked.")


class ReasonRequired(DomainError):
    code = "representation.reason_required"
    status = 422
    title = _l("Give the reason for revoking the power.")
