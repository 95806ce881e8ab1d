"""Notifications context. Today: e-mail alerts, written to the outbox in the caller's
transaction and delivered by the worker (SMTP when ``EOFFICE_SMTP_URL`` is set, else as
``.eml`` files in ``<instance>/mail`` so the demo can read them). Electronic notifications
with their legal life cycle and the edict board come with their issue.

Other contexts call only what is listed here.
"""

from eoffice.notifications.mail import EMAIL_TOPIC, queue_email

__all__ = ["EMAIL_TOPIC", "queue_email"]
