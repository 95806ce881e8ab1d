"""Errors of the notifications context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownNotification(DomainError):
    code = "notifications.unknown_notification"
    status = 404
    title = _l("There is no such notification.")


class AlreadyAccessed(DomainError):
    code = "notifications.already_accessed"
    status = 409
    title = _l("This notification has already been accessed.")


class AlreadyRejected(DomainError):
    code = "notifications.already_rejected"
    status = 409
    title = _l("This notification has already been rejected.")


class NotificationExpired(DomainError):
    code = "notifications.expired"
    status = 409
    title = _l("This notification expired: it is deemed rejected and can no longer be "
               "accessed or rejected.")


class NotAvailable(DomainError):
    code = "notifications.not_available"
    status = 409
    title = _l("This notification is not available electronically.")


class NotAllowedOnNotification(DomainError):
    code = "notifications.not_allowed"
    status = 403
    title = _l("You may see this notification but not record its postal outcome.")


class NotPostal(DomainError):
    code = "notifications.not_postal"
    status = 409
    title = _l("Only a postal notification still pending can have its postal outcome "
               "recorded.")


class InvalidNotification(DomainError):
    code = "notifications.invalid_notification"
    status = 422
    title = _l("The notification cannot be made as requested.")


class InvalidPostalOutcome(DomainError):
    code = "notifications.invalid_postal_outcome"
    status = 422
    title = _l("Choose delivered or failed and give the date of the postal outcome (not "
               "before it was sent, not after today).")
