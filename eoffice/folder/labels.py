"""Words the folder's pages show for the codes of other contexts (states, kinds, audit
actions), in the reader's language; unknown codes are shown as they are."""

from __future__ import annotations

from typing import Any

from flask import Flask

from eoffice import files
from eoffice.shared.i18n import _l

NOTIFICATION_STATES = {
    "created": _l("Being prepared"),
    "available": _l("Waiting for you"),
    "accessed": _l("Accessed"),
    "rejected": _l("Rejected"),
    "expired": _l("Expired (deemed rejected)"),
    "postal_pending": _l("Sent by post"),
    "delivered": _l("Delivered by post"),
    "failed": _l("Not delivered by post"),
    "read": _l("Read"),
}
PAYMENT_STATES = {
    "pending": _l("To pay"),
    "paid": _l("Paid"),
    "failed": _l("Payment failed"),
    "expired": _l("Expired"),
    "refunded": _l("Refunded"),
}
DOCUMENT_KINDS = {
    "application": _l("Application"),
    "attachment": _l("Document you delivered"),
    "receipt": _l("Registration receipt"),
    "notified": _l("Notified document"),
    "evidence": _l("Evidence of a notification"),
    "power_evidence": _l("Evidence of a power of representation"),
}
DEADLINE_KINDS = {
    "resolution": _l("Term of resolution"),
    "requirement": _l("Term to answer a request"),
}
ACTIONS = {
    "files.file_viewed": _l("Viewed the file"),
    "files.opened": _l("Opened the file"),
    "files.file_opened": _l("Opened the file"),
    "files.document_added": _l("Added a document"),
    "files.sent": _l("Sent the file to another unit"),
    "files.received": _l("Received the file from another unit"),
    "files.returned": _l("Returned the file"),
    "files.phase_changed": _l("Changed the phase of the file"),
    "files.closed": _l("Closed the file"),
    "submissions.signed": _l("Signed the application"),
    # reads and downloads, from the access log: access.<action>.<object type>
    "access.read.file": _l("Viewed the file"),
    "access.download.document": _l("Downloaded a document"),
    "access.read.submission": _l("Viewed the application"),
    "access.download.submission": _l("Downloaded the application"),
    "access.read.registry_entry": _l("Viewed the registry entry"),
    "access.read.archive_record": _l("Viewed the archived file"),
    "access.download.archive_record": _l("Downloaded from the archived file"),
}
ANONYMOUS_READER = _l("Someone holding the verification code")


def _name(names: dict[str, Any], code: Any) -> str:
    return str(names.get(str(code), code))


def phase_name(phase: str) -> str:
    try:
        return str(files.PHASE_NAMES[files.FilePhase(phase)])
    except ValueError:
        return phase


def init_labels(app: Flask) -> None:
    """Make the label functions available to every template."""
    app.jinja_env.globals.update(
        folder_phase=phase_name,
        folder_notification_state=lambda code: _name(NOTIFICATION_STATES, code),
        folder_payment_state=lambda code: _name(PAYMENT_STATES, code),
        folder_document_kind=lambda code: _name(DOCUMENT_KINDS, code),
        folder_deadline_kind=lambda code: _name(DEADLINE_KINDS, code),
        folder_action=lambda code: _name(ACTIONS, code))
