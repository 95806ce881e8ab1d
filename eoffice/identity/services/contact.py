"""Contact details and notification preferences of people: how the administration reaches
a person (e-mail alerts, postal address, language) and whether she is notified
electronically or by post. Legal persons are always notified electronically (Law 39/2015
art. 14.2) whatever their record says."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.identity.domain import PersonKind
from eoffice.identity.models import Person

ELECTRONIC = "electronic"
POSTAL = "postal"


@dataclass(frozen=True)
class ContactView:
    """How to reach a person known by her national id."""

    person_id: int
    name: str
    kind: str
    id_type: str
    id_number: str
    email: str | None
    phone: str | None
    postal_address: str | None
    preferred_language: str | None
    notification_channel: str
    email_alerts: bool

    @property
    def electronic(self) -> bool:
        """Whether she is notified electronically (else by post)."""
        return self.notification_channel == ELECTRONIC


def _view(person: Person) -> ContactView:
    channel = (ELECTRONIC if person.kind == PersonKind.LEGAL
               else person.notification_channel or ELECTRONIC)
    return ContactView(person.id, person.display_name, person.kind, person.id_type,
                       person.id_number, person.email, person.phone, person.postal_address,
                       person.preferred_language, channel, bool(person.email_alerts))


def contact_of(session: Session, id_number: str) -> ContactView | None:
    """The contact details of the person with national id ``id_number``, if she is
    known here (a party who never signed in may not be)."""
    person = session.scalar(select(Person).where(Person.id_number == id_number.upper())
                            .order_by(Person.id).limit(1))
    return None if person is None else _view(person)


def contact_of_person(session: Session, person_id: int) -> ContactView:
    """The contact details of the person with ``person_id``."""
    person = session.get(Person, person_id)
    if person is None:
        raise LookupError(f"no person {person_id}")
    return _view(person)
