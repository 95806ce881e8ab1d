"""Documents the worker seals for notifications (outbox ``notifications.document_due``):
the evidence of an ended notification, listing each event of its life cycle with its
time (created, made available with the exit number, alert, accessed by X acting for Y,
rejected, expired, postal outcome), and the printable notice of a postal notification.
Sealing asks the timestamp authority, so the document is prepared outside any
transaction and recorded afterwards (as files' closure does); both join the file."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import force_locale
from sqlalchemy.orm import Session

from eoffice import documents, files, identity
from eoffice.notifications.domain import EventKind
from eoffice.notifications.models import Notification
from eoffice.notifications.services.views import EventView, events_of, record_event
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _
from eoffice.shared.localtime import city_timezone
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)
LANGUAGES = ("es", "ca", "en")


def local_time(moment: datetime | None) -> str:
    """A moment as the city's local time with its offset, to the second."""
    if moment is None:
        return "-"
    return moment.astimezone(city_timezone()).isoformat(sep=" ", timespec="seconds")


def describe_event(event: EventView) -> str:
    """One line of the evidence: what happened (who, for whom)."""
    who = event.acting_for or event.details.get("by") or event.actor
    number = event.details.get("exit_number") or "-"
    if event.details.get("for") == "representative" and event.kind in {
            EventKind.ALERT_QUEUED, EventKind.ALERT_NOT_SENT}:
        return str(_("E-mail alert queued for the representative")
                   if event.kind == EventKind.ALERT_QUEUED
                   else _("E-mail alert to the representative not sent: invalid address"))
    lines: dict[str, str] = {
        EventKind.CREATED: _("Notification created by %(who)s", who=who),
        EventKind.MADE_AVAILABLE: _("Made available in the electronic office; exit register "
                                    "number %(number)s", number=number),
        EventKind.ALERT_QUEUED: _("E-mail alert queued for the addressee"),
        EventKind.ALERT_NOT_SENT: _("E-mail alert not sent: invalid address"),
        EventKind.ACCESSED: _("Accessed by %(who)s", who=who),
        EventKind.REJECTED: _("Rejected by %(who)s", who=who),
        EventKind.EXPIRED: _("Expired without access: deemed rejected (Law 39/2015 art. "
                             "43.2)"),
        EventKind.POSTAL_PENDING: _("Sent by post; exit register number %(number)s",
                                    number=number),
        EventKind.DELIVERED: _("Delivered by post (recorded by %(who)s)", who=who),
        EventKind.FAILED: _("Postal delivery failed (recorded by %(who)s)", who=who),
        EventKind.READ: _("Read by %(who)s", who=who),
        EventKind.EVIDENCE_ISSUED: _("Evidence issued"),
    }
    return lines.get(event.kind, event.kind)


def _language(session: Session, row: Notification) -> str:
    contact = identity.contact_of(session, row.addressee_id_number)
    preferred = contact.preferred_language if contact else None
    if preferred in LANGUAGES:
        return str(preferred)
    return str(current_app.config["EOFFICE_SETTINGS"].default_locale)


def _fields(row: Notification) -> list[list[str]]:
    return [[_("Addressee"), f"{row.addressee_name} ({row.addressee_id_number})"],
            [_("File"), row.file_number or "-"], [_("Subject"), row.subject],
            [_("Exit register number"), row.exit_number or "-"],
            [_("Channel"), row.channel], [_("State"), row.state]]


def evidence_data(session: Session, row: Notification) -> dict[str, Any]:
    """What the evidence shows (and embeds as JSON): the notification and its events."""
    events = [e for e in events_of(session, row.id) if e.kind != EventKind.EVIDENCE_ISSUED]
    lines = [f"{local_time(e.at)} — {describe_event(e)}" for e in events]
    notified = documents.get_document(session, row.document_id)
    return {
        "file_number": row.file_number,
        "fields": [*_fields(row), [_("Notified document"),
                                   f"{notified.title} (SHA-256 {notified.sha256})"]],
        "sections": [{"heading": _("Events"), "paragraphs": lines}],
        "events": [{"at": e.at.isoformat(), "kind": e.kind, "actor": e.actor,
                    "acting_for": e.acting_for} for e in events],
    }


def postal_data(session: Session, row: Notification) -> dict[str, Any]:
    """What the printable postal notification shows."""
    contact = identity.contact_of(session, row.addressee_id_number)
    notified = documents.get_document(session, row.document_id)
    return {
        "file_number": row.file_number,
        "recipient": f"{row.addressee_name}\n{(contact.postal_address if contact else '')}",
        "fields": _fields(row)[:4],
        "paragraphs": [
            _("You are notified of the document \"%(title)s\", which is enclosed.",
              title=notified.title),
            _("You may also access it in the electronic office after identifying "
              "yourself."),
        ],
    }


def deliver_document_due(delivery: Delivery) -> None:
    """Outbox consumer of ``notifications.document_due`` (raises to be retried)."""
    notification_id = str(delivery.payload["notification"])
    postal = delivery.payload.get("document") == "postal"
    with reader() as db:
        row = db.get(Notification, notification_id)
        if row is None or (row.postal_document_id if postal else row.evidence_document_id):
            return  # delivered before
        language = _language(db, row)
        with force_locale(language):
            data = postal_data(db, row) if postal else evidence_data(db, row)
            title = (_("Notification %(number)s", number=row.exit_number or "")
                     if postal else _("Evidence of notification"))
        unit = identity.describe_unit(db, row.sending_unit, locale=language)
    prepared = documents.prepare_document(
        doc_type=(documents.DocumentType.NOTIFICATION if postal
                  else documents.DocumentType.CERTIFICATE),
        title=title, data={k: v for k, v in data.items() if k != "events"},
        language=language, unit_code=unit.code, unit_name=unit.name,
        attachments_json={"notification.json": {"notification": notification_id, **data}})
    with unit_of_work() as db:
        _record(db, notification_id, prepared, postal=postal)


def _record(session: Session, notification_id: str,
            prepared: documents.PreparedDocument, *, postal: bool) -> None:
    row = session.get(Notification, notification_id, with_for_update=True)
    if row is None or (row.postal_document_id if postal else row.evidence_document_id):
        return
    issued = documents.record_document(session, prepared, actor="system")
    if postal:
        row.postal_document_id = issued.id
    else:
        row.evidence_document_id = issued.id
        record_event(session, row, EventKind.EVIDENCE_ISSUED, actor="system", at=utcnow(),
                     details={"document": issued.id,
                              "verification_code": issued.verification_code})
    if row.file_id is None:
        return
    try:
        files.add_document_to(session, row.file_id, files.DocumentRef(issued.id),
                              actor="system")
    except (files.FileClosed, files.UnknownFile):
        log.warning("notification %s: its file is closed; the document stays apart", row.id)
