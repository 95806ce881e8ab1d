"""Who sees which notifications: a citizen's own and those addressed to the parties she
represents under a valid power covering them (listing); the documents access rule that
keeps a notified document closed to its addressee and her representatives until the
notification is accessed; the notifications of a file for its clerks."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.identity import Principal
from eoffice.notifications.domain import NotificationState
from eoffice.notifications.errors import UnknownNotification
from eoffice.notifications.models import Notification
from eoffice.notifications.services.life_cycle import reader_of
from eoffice.notifications.services.views import NotificationView, view_of
from eoffice.shared.clock import utcnow

#: States in which the notified content is open to the addressee and her representatives.
OPENED = frozenset({NotificationState.ACCESSED, NotificationState.READ,
                    NotificationState.DELIVERED})


def _covers(power: object, row: Notification) -> bool:
    scope = getattr(power, "scope", "all")
    if scope == "all":
        return True
    if scope == "file":
        return bool(row.file_number) and getattr(power, "file_number", None) == row.file_number
    return row.procedure_code in tuple(getattr(power, "procedures", ()))


def _grantors(session: Session, principal: Principal) -> list[object]:
    from eoffice import representation  # noqa: PLC0415 - helper R's context lands later

    return list(representation.grantors_of(session, (principal.id_number or "").upper()))


def notifications_for(session: Session, principal: Principal) -> list[NotificationView]:
    """The notifications and communications addressed to ``principal`` or to a party she
    represents (a valid power covering each), newest first."""
    mine = (principal.id_number or "").upper()
    if not mine:
        return []
    powers = _grantors(session, principal)
    grantors = {str(getattr(p, "grantor_id_number", "")).upper() for p in powers}
    rows = session.scalars(
        select(Notification)
        .where(Notification.addressee_id_number.in_([mine, *sorted(grantors)]))
        .order_by(Notification.created_at.desc(), Notification.id))
    now = utcnow()
    return [view_of(row, now=now) for row in rows
            if row.addressee_id_number == mine or any(
                str(getattr(p, "grantor_id_number", "")).upper() == row.addressee_id_number
                and _covers(p, row) for p in powers)]


def notifications_of_file(session: Session, file_number: str) -> list[NotificationView]:
    """Every notification and communication of the file ``file_number``, oldest first
    (callers check that the reader may see the file)."""
    rows = session.scalars(select(Notification)
                           .where(Notification.file_number == file_number[:60])
                           .order_by(Notification.created_at, Notification.id))
    now = utcnow()
    return [view_of(row, now=now) for row in rows]


def _may_act_for(session: Session, principal: Principal, row: Notification) -> bool:
    from eoffice import representation  # noqa: PLC0415 - helper R's context lands later

    try:
        reader_of(session, row, principal)
    except (UnknownNotification, representation.RepresentationRefused):
        return False
    return True


def notified_documents_rule(session: Session, principal: Principal,
                            view: documents.DocumentView) -> bool | None:
    """Access rule for the documents context. The content of a notification is readable
    by its addressee (and her representatives) only once accessed; before, it is refused
    to them whatever other rules say. Its evidence is readable by them. The printed postal
    notice, other readers and documents: not this context's to judge (None)."""
    if not principal.id_number:
        return None
    rows = session.scalars(select(Notification).where(or_(
        Notification.document_id == view.id,
        Notification.evidence_document_id == view.id))).all()
    concerned = [row for row in rows if _may_act_for(session, principal, row)]
    if not concerned:
        return None
    if any(row.document_id != view.id for row in concerned):
        return True  # the evidence
    return any(row.state in OPENED for row in concerned)
