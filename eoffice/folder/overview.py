"""The folder as its pages show it: everything of the signed-in citizen (and of the
people she represents, for files and notifications) gathered from the contexts that hold
it, read in one session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from eoffice import payments
from eoffice.folder import holdings, sources
from eoffice.identity import Principal
from eoffice.payments import PaymentView

PENDING_NOTIFICATION = "available"


@dataclass(frozen=True)
class Folder:
    """What the folder's pages list."""

    person: Any  # identity.ContactView | None
    submissions: list[Any]
    files: list[Any]
    notifications: list[Any]
    payments: list[PaymentView]
    powers: list[Any]

    @property
    def drafts(self) -> list[Any]:
        return [s for s in self.submissions if not s.sent]

    @property
    def sent(self) -> list[Any]:
        return [s for s in self.submissions if s.sent]

    @property
    def pending_notifications(self) -> list[Any]:
        return [n for n in self.notifications if n.state == PENDING_NOTIFICATION]

    @property
    def open_payments(self) -> list[PaymentView]:
        return [p for p in self.payments
                if p.state in (payments.PaymentState.PENDING, payments.PaymentState.FAILED)]


def folder_of(session: Session, principal: Principal, locale: str) -> Folder:
    """The folder of ``principal``: her submissions and payments, her files and
    notifications and those of the people she represents, the powers she holds."""
    person = sources.person_of(session, principal)
    return Folder(
        person,
        sources.submissions_of(session, principal, locale),
        sources.files_of(session, principal),
        sources.notifications_of(session, principal),
        sources.payments_of(session, person.person_id if person else None),
        sources.powers_held(session, principal))


def documents_in(session: Session, principal: Principal,
                 folder: Folder) -> list[holdings.FolderDocument]:
    """The documents of the folder (hers: her grantors' notifications are theirs)."""
    own = (principal.id_number or "").upper()
    mine = [n for n in folder.notifications if n.addressee_id_number.upper() == own]
    return holdings.documents_of(session, principal, submissions=folder.submissions,
                                 notifications=mine,
                                 powers=holdings.own_powers(session, principal))
