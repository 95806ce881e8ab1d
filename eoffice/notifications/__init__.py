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
from eoffice.notifications.edicts.domain import MAX_PERIOD as EDICT_MAX_PERIOD
from eoffice.notifications.edicts.domain import EdictKind, EdictState
from eoffice.notifications.edicts.errors import InvalidEdict, UnknownEdict
from eoffice.notifications.edicts.services import (
    EdictCorrection,
    EdictView,
    NewEdict,
    correct_edict,
    get_public_edict,
    list_public_edicts,
    list_unit_edicts,
    publish_edict,
    withdraw_edict,
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
    "EDICT_MAX_PERIOD",
    "EMAIL_TOPIC",
    "OUTCOME_TOPIC",
    "AlreadyAccessed",
    "AlreadyRejected",
    "EdictCorrection",
    "EdictKind",
    "EdictState",
    "EdictView",
    "InvalidEdict",
    "InvalidEmailAddress",
    "InvalidNotification",
    "NewEdict",
    "NewNotification",
    "NotificationChannel",
    "NotificationExpired",
    "NotificationKind",
    "NotificationState",
    "NotificationView",
    "UnknownEdict",
    "UnknownNotification",
    "access_notification",
    "correct_edict",
    "get_notification_for",
    "get_public_edict",
    "list_public_edicts",
    "list_unit_edicts",
    "notifications_for",
    "notifications_of_file",
    "notify",
    "publish_edict",
    "queue_email",
    "reject_notification",
    "withdraw_edict",
]
