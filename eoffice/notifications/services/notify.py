"""Making a notification: it is created and made available at once, in the caller's
transaction. A legal notification takes an exit-register number (with the fingerprint of
the notified document) and its expiry; the addressee is alerted by e-mail (subject and
link, never the content) when she asked for alerts. An addressee without electronic means
(postal channel chosen, or unknown here) gets a postal notification, printed by the
worker, whose outcome a clerk records later."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from eoffice import audit, documents, files, identity, registry
from eoffice.notifications.domain import (
    DOCUMENT_DUE_TOPIC,
    EventKind,
    NotificationChannel,
    NotificationKind,
    NotificationState,
    expiry_of,
)
from eoffice.notifications.errors import InvalidNotification
from eoffice.notifications.mail import InvalidEmailAddress, queue_email
from eoffice.notifications.models import Notification
from eoffice.notifications.services.views import (
    NotificationView,
    expiry_days,
    public_url,
    record_event,
    view_of,
)
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import city_timezone

INVALID_ADDRESS = "alert not sent: invalid address"


@dataclass(frozen=True)
class NewNotification:
    """What the sender names: the file, the document notified, the addressee."""

    file_number: str | None
    document_id: str
    addressee_id_number: str
    addressee_name: str
    subject: str
    sending_unit: str
    kind: NotificationKind | str = NotificationKind.NOTIFICATION
    procedure: str | None = None
    representative_id_number: str | None = None


def _checked(session: Session, new: NewNotification) -> tuple[documents.DocumentView,
                                                              files.FileBrief | None]:
    errors: list[FieldError] = []
    document: documents.DocumentView | None = None
    brief = None
    try:
        document = documents.get_document(session, new.document_id)
    except documents.UnknownDocument:
        errors.append(FieldError("document_id", _("There is no such document."), "unknown"))
    if new.file_number is not None:
        brief = files.find_file_brief_by_number(session, new.file_number)
        if brief is None:
            errors.append(FieldError("file_number", _("There is no such file."), "unknown"))
        elif document is not None and document.id not in {
                d.document_id for d in brief.documents}:
            errors.append(FieldError("document_id", _("The document is not in the file."),
                                     "not_in_file"))
    if not new.subject.strip() or len(new.subject) > 500:
        errors.append(FieldError("subject", _("Give a subject of up to 500 characters."),
                                 "invalid"))
    if not new.addressee_id_number.strip() or not new.addressee_name.strip():
        errors.append(FieldError("addressee", _("Name the addressee and her id number."),
                                 "required"))
    try:
        identity.describe_unit(session, new.sending_unit, locale="en")
    except identity.UnknownUnit:
        errors.append(FieldError("sending_unit", _("There is no such unit."), "unknown"))
    if new.kind not in {k.value for k in NotificationKind}:
        errors.append(FieldError("kind", _("Choose notification or communication."),
                                 "invalid"))
    if errors or document is None:
        raise InvalidNotification(errors=errors)
    return document, brief


def _is_postal(contact: identity.ContactView | None) -> bool:
    return contact is None or contact.notification_channel == NotificationChannel.POSTAL


def notify(session: Session, new: NewNotification, *, actor: str) -> NotificationView:
    """Create the notification and make it available (see the module's docstring)."""
    document, brief = _checked(session, new)
    now = utcnow()
    addressee = new.addressee_id_number.strip().upper()
    contact = identity.contact_of(session, addressee)
    legal = new.kind == NotificationKind.NOTIFICATION
    postal = legal and _is_postal(contact)
    row = Notification(
        id=str(uuid.uuid4()), kind=str(new.kind), file_id=brief.id if brief else None,
        file_number=new.file_number, document_id=document.id,
        addressee_id_number=addressee, addressee_name=new.addressee_name.strip()[:300],
        representative_id_number=(new.representative_id_number or "").strip().upper()
        or None,
        channel=NotificationChannel.POSTAL if postal else NotificationChannel.ELECTRONIC,
        state=NotificationState.CREATED, subject=new.subject.strip(),
        sending_unit=new.sending_unit, procedure_code=new.procedure, created_at=now,
        created_by=actor)
    session.add(row)
    session.flush()
    record_event(session, row, EventKind.CREATED, actor=actor, at=now)
    if legal:
        _register_exit(session, row, document, contact, actor=actor)
    if postal:
        row.state = NotificationState.POSTAL_PENDING
        record_event(session, row, EventKind.POSTAL_PENDING, actor=actor, at=now,
                     details={"exit_number": row.exit_number})
        outbox.enqueue(session, DOCUMENT_DUE_TOPIC,
                       {"notification": row.id, "document": "postal"},
                       dedup_key=f"{DOCUMENT_DUE_TOPIC}:postal:{row.id}")
    else:
        row.state = NotificationState.AVAILABLE
        row.available_at = now
        if legal:
            row.expires_at = expiry_of(now, expiry_days(), city_timezone())
        record_event(session, row, EventKind.MADE_AVAILABLE, actor=actor, at=now,
                     details={"exit_number": row.exit_number,
                              "expires_at": row.expires_at.isoformat()
                              if row.expires_at else None})
        _alert(session, row, contact, actor=actor)
        if row.representative_id_number:  # the representative named by the sender
            _alert(session, row, identity.contact_of(session, row.representative_id_number),
                   actor=actor, representative=True)
    audit.record_event(session, "notifications.made_available", actor=actor,
                       object_type="notification", object_id=row.id,
                       unit_code=row.sending_unit,
                       data={"kind": row.kind, "channel": row.channel,
                             "file_number": row.file_number, "exit_number": row.exit_number,
                             "addressee": addressee})
    session.flush()
    return view_of(row, now=now)


def _register_exit(session: Session, row: Notification, document: documents.DocumentView,
                   contact: identity.ContactView | None, *, actor: str) -> None:
    parties = [registry.Party(name=row.addressee_name,
                              id_type=contact.id_type if contact else "nif",
                              id_number=row.addressee_id_number)]
    if row.representative_id_number:
        known = identity.contact_of(session, row.representative_id_number)
        parties.append(registry.Party(name=known.name if known else row.representative_id_number,
                                      id_type=known.id_type if known else "nif",
                                      id_number=row.representative_id_number,
                                      role="representative"))
    version = document.current
    entry = registry.register_exit(session, registry.NewExit(
        sending_unit=row.sending_unit, subject=row.subject, addressees=parties,
        documents=[registry.DeliveredDocument(title=document.title, sha256=version.sha256,
                                              size=version.size,
                                              media_type=version.media_type)],
        channel="postal" if row.channel == NotificationChannel.POSTAL
        else "electronic_notification",
        procedure=row.procedure_code, file_number=row.file_number), actor=actor)
    row.exit_entry_id, row.exit_number = entry.id, entry.number


def _alert(session: Session, row: Notification, contact: identity.ContactView | None, *,
           actor: str, representative: bool = False) -> None:
    """Alert the addressee (or the representative named) when she wants e-mail alerts; a
    malformed address is recorded (the addressee's on ``alert_status``)."""
    if contact is None or not contact.email or not contact.email_alerts:
        return
    whom = {"for": "representative"} if representative else {}
    now = row.available_at or utcnow()
    link = f"{public_url()}/notifications/{row.id}"
    if row.kind == NotificationKind.NOTIFICATION:
        subject = _("You have a notification: %(subject)s", subject=row.subject)
        body = _("A notification has been made available to you in the electronic office "
                 "(%(subject)s). Sign in to access it: %(link)s\nIf it is not accessed "
                 "within %(days)s calendar days it is deemed rejected.",
                 subject=row.subject, link=link, days=expiry_days())
    else:
        subject = _("You have a communication: %(subject)s", subject=row.subject)
        body = _("A communication has been made available to you in the electronic "
                 "office (%(subject)s). Sign in to read it: %(link)s",
                 subject=row.subject, link=link)
    try:  # the address is checked by e-mail-validator (syntax only)
        queue_email(session, to=contact.email, subject=subject, body=body,
                    dedup_key=f"notification-alert:{row.id}"
                    + (":representative" if representative else ""))
    except InvalidEmailAddress:
        if not representative:
            row.alert_status = INVALID_ADDRESS
        record_event(session, row, EventKind.ALERT_NOT_SENT, actor=actor, at=now,
                     details={"reason": "invalid_address", **whom})
        return
    if not representative:
        row.alert_status = "queued"
    record_event(session, row, EventKind.ALERT_QUEUED, actor=actor, at=now,
                 details={"to": contact.email, **whom})
