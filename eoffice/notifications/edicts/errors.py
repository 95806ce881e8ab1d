"""Errors of the edict board, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class InvalidEdict(DomainError):
    code = "notifications.edict_invalid"
    status = 422
    title = _l("The edict cannot be published as given.")


class UnknownEdict(DomainError):
    code = "notifications.unknown_edict"
    status = 404
    title = _l("There is no such edict.")


class EdictNotYourUnit(DomainError):
    code = "notifications.edict_not_your_unit"
    status = 403
    title = _l("Only staff who process files in the publishing unit may do this.")


class EdictWithdrawn(DomainError):
    code = "notifications.edict_withdrawn"
    status = 409
    title = _l("The edict was withdrawn.")


class EdictEnded(DomainError):
    code = "notifications.edict_ended"
    status = 409
    title = _l("The display period of the edict has ended.")


class EdictAlreadyCorrected(DomainError):
    code = "notifications.edict_already_corrected"
    status = 409
    title = _l("The edict was already corrected; correct its correction instead.")
