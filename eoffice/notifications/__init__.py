"""Notifications context: electronic notifications with their legal life cycle (made
available with an exit-register number, accessed, rejected or expired, postal fallback,
sealed evidence; ``OUTCOME_TOPIC`` tells processing), communications, and e-mail alerts,
written to the outbox in the caller's transaction and delivered by the worker (SMTP when
``EOFFICE_SMTP_URL`` is set, else as ``.eml`` files in ``<instance>/mail``).

Other contexts call only what is listed here.
"""

from eoffice.notifications.domain import (
    OUTCOME_TOPIC,
    NotificationChannel,
    NotificationKind,
    NotificationState,
)
from eoffice.notifications.errors import (
    AlreadyAccessed,
    AlreadyRejected,
    InvalidNotification,
    NotificationExpired,
    UnknownNotification,
)
from eoffice.notifications.mail import EMAIL_TOPIC, InvalidEmailAddress, queue_email
from eoffice.notifications.services.life_cycle import (
    access_notification,
    get_notification_for,
    reject_notification,
)
from eoffice.notifications.services.listing import notifications_for, notifications_of_file
from eoffice.notifications.services.notify import NewNotification, notify
from eoffice.notifications.services.views import NotificationView

__all__ = [
    "EMAIL_TOPIC",
    "OUTCOME_TOPIC",
    "AlreadyAccessed",
    "AlreadyRejected",
    "InvalidEmailAddress",
    "InvalidNotification",
    "NewNotification",
    "NotificationChannel",
    "NotificationExpired",
    "NotificationKind",
    "NotificationState",
    "NotificationView",
    "UnknownNotification",
    "access_notification",
    "get_notification_for",
    "notifications_for",
    "notifications_of_file",
    "notify",
    "queue_email",
    "reject_notification",
]
