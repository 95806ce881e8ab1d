"""Contact details and notification preferences of people: how the administration reaches
a person (e-mail alerts, postal address, language) and whether she is notified
electronically or by post. Legal persons are always notified electronically (Law 39/2015
art. 14.2) whatever their record says."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity.domain import PersonKind
from eoffice.identity.models import Person
from eoffice.settings import LOCALES
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, _l

ELECTRONIC = "electronic"
POSTAL = "postal"
DEFAULT_PHONE_REGION = "ES"  # numbers written without +34


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


class InvalidContact(DomainError):
    """A contact detail or preference is malformed: nothing was saved."""

    code = "identity.invalid_contact"
    status = 422
    title = _l("Some contact details are not valid.")


@dataclass(frozen=True)
class ContactChange:
    """What a person asks to change in her contact details (every field is replaced;
    empty strings clear optional values)."""

    email: str
    phone: str
    postal_address: str
    preferred_language: str
    notification_channel: str
    email_alerts: bool


def _checked_email(value: str) -> tuple[str | None, FieldError | None]:
    if not value.strip():
        return None, None
    try:
        found = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError:
        return None, FieldError("email", _("Enter an e-mail address like name@example.com."),
                                "invalid_email")
    return found.normalized, None


def _checked_phone(value: str) -> tuple[str | None, FieldError | None]:
    if not value.strip():
        return None, None
    problem = FieldError("phone", _("Enter a telephone number like 612 345 678 or "
                                    "+34 612 345 678."), "invalid_phone")
    try:
        number = phonenumbers.parse(value.strip(), DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None, problem
    if not phonenumbers.is_valid_number(number):
        return None, problem
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def _problems(person: Person, change: ContactChange) -> list[FieldError]:
    problems: list[FieldError] = []
    if change.preferred_language and change.preferred_language not in LOCALES:
        problems.append(FieldError("preferred_language", _("Choose one of the languages "
                                                           "offered."), "unknown_language"))
    if change.notification_channel not in (ELECTRONIC, POSTAL):
        problems.append(FieldError("notification_channel", _("Choose electronic or postal "
                                                             "notification."),
                                   "unknown_channel"))
    elif change.notification_channel == POSTAL and person.kind == PersonKind.LEGAL:
        problems.append(FieldError("notification_channel", _(
            "Companies and other legal persons must be notified electronically."),
            "postal_not_allowed"))
    elif change.notification_channel == POSTAL and not change.postal_address.strip():
        problems.append(FieldError("postal_address", _("Give the postal address where "
                                                       "you want to be notified."),
                                   "required"))
    if len(change.postal_address) > 500:
        problems.append(FieldError("postal_address", _("The postal address is too long."),
                                   "too_long"))
    return problems


def update_contact(session: Session, person_id: int, change: ContactChange, *,
                   actor: str) -> ContactView:
    """Replace the contact details and notification preferences of a person, after
    checking every value (e-mail syntax, telephone number, language, channel: a legal
    person cannot choose postal notification). Anything malformed raises
    :class:`InvalidContact` listing every problem, and nothing is saved. Audited as
    ``identity.contact_updated`` (the names of the fields changed, not their values)."""
    person = session.get(Person, person_id, with_for_update=True)
    if person is None:
        raise LookupError(f"no person {person_id}")
    email, email_problem = _checked_email(change.email)
    phone, phone_problem = _checked_phone(change.phone)
    problems = [p for p in (email_problem, phone_problem) if p] + _problems(person, change)
    if problems:
        raise InvalidContact(errors=problems)
    new = {"email": email, "phone": phone,
           "postal_address": change.postal_address.strip() or None,
           "preferred_language": change.preferred_language or None,
           "notification_channel": change.notification_channel,
           "email_alerts": change.email_alerts}
    changed = sorted(name for name, value in new.items() if getattr(person, name) != value)
    if changed:
        for name in changed:
            setattr(person, name, new[name])
        person.contact_updated_at = utcnow()
        audit.record_event(session, "identity.contact_updated", actor=actor,
                           object_type="person", object_id=str(person.id),
                           data={"fields": changed})
        session.flush()
    return _view(person)
