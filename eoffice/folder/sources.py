"""What the folder reads from the contexts that hold a citizen's things: her submissions,
files (hers and her grantors'), notifications, payments and powers. One function per
source, each returning the source's own read model, so the pages and the export ask the
same questions the same way."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from eoffice import files, identity, notifications, payments, representation, submissions
from eoffice.identity import Principal


def _own(principal: Principal) -> str:
    return (principal.id_number or "").strip().upper()


def person_of(session: Session, principal: Principal) -> identity.ContactView | None:
    """The person behind the signed-in account (None for accounts without one)."""
    own = _own(principal)
    return identity.contact_of(session, own) if own else None


def submissions_of(session: Session, principal: Principal,
                   locale: str) -> list[submissions.CitizenSubmission]:
    return submissions.submissions_of_citizen(session, principal, locale)


def powers_held(session: Session, principal: Principal) -> list[Any]:
    """The valid powers the principal holds as representative (representation's
    PowerView), to see her grantors' files and notifications."""
    own = _own(principal)
    return list(representation.grantors_of(session, own)) if own else []


def files_of(session: Session, principal: Principal) -> list[Any]:
    """The files the principal may see as a citizen (files' CitizenFileView): hers, and
    her grantors' that a valid power covers (``party_id_number`` tells whose)."""
    if not _own(principal):
        return []
    return list(files.citizen_files_for(session, principal))


def file_of(session: Session, number: str, principal: Principal) -> Any:
    """One file as the principal may see it, or files.UnknownFile (404)."""
    return files.citizen_file_for(session, number, principal)


def notifications_of(session: Session, principal: Principal) -> list[Any]:
    """Notifications and communications addressed to the principal or to a party she
    represents (notifications' NotificationView), newest first."""
    if not _own(principal):
        return []
    found = list(notifications.notifications_for(session, principal))
    return sorted(found, key=lambda n: n.created_at, reverse=True)


NOTIFICATION_MOMENTS = ("created", "available", "accessed", "rejected", "expired")


def notification_events(notification: Any) -> list[dict[str, Any]]:
    """The events of a notification, oldest first, from the times its view records
    (created, made available with its exit number, accessed and by whom, rejected,
    expired)."""
    events = []
    for moment in NOTIFICATION_MOMENTS:
        at = getattr(notification, f"{moment}_at", None)
        if at is None:
            continue
        event: dict[str, Any] = {"event": moment, "at": at}
        if moment == "available":
            event["exit_number"] = notification.exit_number
        if moment == "accessed":
            event["by"] = getattr(notification, "accessed_by", None)
        events.append(event)
    return sorted(events, key=lambda e: e["at"])


def payments_of(session: Session, person_id: int | None) -> list[payments.PaymentView]:
    return payments.payments_of_person(session, person_id) if person_id else []
