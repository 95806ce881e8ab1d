"""Consent records: the purposes for which the city processes a person's data only with
her consent (a catalogue in code, its texts in three languages and a version), and every
change she makes (given or withdrawn, when, through which channel, which text version she
was shown), each one also written to the audit log. Nothing is ever updated in place: the
latest change of a purpose is the consent in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.folder.errors import ConsentUnchanged, UnknownPurpose
from eoffice.folder.models import ConsentChange
from eoffice.shared.clock import utcnow


@dataclass(frozen=True)
class Purpose:
    """A purpose that relies on consent: its key, the version of its text and the text
    shown to the person (title and explanation) in each language."""

    key: str
    version: str
    titles: dict[str, str]
    texts: dict[str, str]

    def title_in(self, locale: str) -> str:
        return self.titles.get(locale) or self.titles["en"]

    def text_in(self, locale: str) -> str:
        return self.texts.get(locale) or self.texts["en"]


PURPOSES: tuple[Purpose, ...] = (
    Purpose("consult_other_administrations", "2026-1", {
        "en": "Consult my data held by other administrations",
        "es": "Consultar mis datos en poder de otras administraciones",
        "ca": "Consultar les meues dades en poder d'altres administracions",
    }, {
        "en": "The city may ask other public administrations for the data and certificates "
              "a procedure needs (for example, being up to date with tax payments), so "
              "you do not have to bring them yourself.",
        "es": "El ayuntamiento puede pedir a otras administraciones públicas los datos y "
              "certificados que necesita un trámite (por ejemplo, estar al corriente de "
              "pago de impuestos), para que usted no tenga que aportarlos.",
        "ca": "L'ajuntament pot demanar a altres administracions públiques les dades i "
              "certificats que necessita un tràmit (per exemple, estar al corrent de "
              "pagament d'impostos), perquè vosté no haja d'aportar-los.",
    }),
    Purpose("newsletter", "2026-1", {
        "en": "City newsletter",
        "es": "Boletín municipal",
        "ca": "Butlletí municipal",
    }, {
        "en": "Receive the city's newsletter by e-mail once a month.",
        "es": "Recibir el boletín municipal por correo electrónico una vez al mes.",
        "ca": "Rebre el butlletí municipal per correu electrònic una vegada al mes.",
    }),
    Purpose("sms_alerts", "2026-1", {
        "en": "SMS alerts",
        "es": "Avisos por SMS",
        "ca": "Avisos per SMS",
    }, {
        "en": "Receive an SMS on your telephone when a notification is waiting for you.",
        "es": "Recibir un SMS en su teléfono cuando tenga una notificación pendiente.",
        "ca": "Rebre un SMS al seu telèfon quan tinga una notificació pendent.",
    }),
)
PURPOSES_BY_KEY = {purpose.key: purpose for purpose in PURPOSES}
CHANNELS = frozenset({"web", "api"})


@dataclass(frozen=True)
class ConsentChangeView:
    """One change of a consent, as the history shows it."""

    purpose: str
    given: bool
    at: datetime
    text_version: str
    channel: str
    actor: str


@dataclass(frozen=True)
class ConsentState:
    """A purpose and the person's consent in force (None: never asked)."""

    purpose: Purpose
    given: bool | None
    since: datetime | None
    text_version: str | None


def get_purpose(key: str) -> Purpose:
    try:
        return PURPOSES_BY_KEY[key]
    except KeyError:
        raise UnknownPurpose() from None


def consent_history(session: Session, person_id: int) -> list[ConsentChangeView]:
    """Every change of the person's consents, newest first."""
    rows = session.scalars(select(ConsentChange).where(ConsentChange.person_id == person_id)
                           .order_by(ConsentChange.id.desc()))
    return [ConsentChangeView(r.purpose, r.given, r.at, r.text_version, r.channel, r.actor)
            for r in rows]


def consents_of(session: Session, person_id: int) -> list[ConsentState]:
    """Each purpose of the catalogue with the consent in force."""
    latest: dict[str, ConsentChangeView] = {}
    for change in consent_history(session, person_id):
        latest.setdefault(change.purpose, change)
    states = []
    for purpose in PURPOSES:
        found = latest.get(purpose.key)
        states.append(ConsentState(purpose, found.given if found else None,
                                   found.at if found else None,
                                   found.text_version if found else None))
    return states


def change_consent(session: Session, person_id: int, purpose_key: str, *, given: bool,
                   channel: str, actor: str) -> ConsentChangeView:
    """Give or withdraw consent to a purpose: a new change in the history (with the text
    version shown now) and an audit event ``folder.consent_given`` or
    ``folder.consent_withdrawn``. Asking for the state already in force changes nothing
    and raises :class:`ConsentUnchanged`."""
    purpose = get_purpose(purpose_key)
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    current = next(s for s in consents_of(session, person_id) if s.purpose.key == purpose.key)
    if current.given is given:
        raise ConsentUnchanged()
    change = ConsentChange(person_id=person_id, purpose=purpose.key, given=given,
                           at=utcnow(), text_version=purpose.version, channel=channel,
                           actor=actor)
    session.add(change)
    session.flush()
    audit.record_event(session, "folder.consent_given" if given else "folder.consent_withdrawn",
                       actor=actor, object_type="person", object_id=str(person_id),
                       data={"purpose": purpose.key, "text_version": purpose.version,
                             "channel": channel})
    return ConsentChangeView(change.purpose, change.given, change.at, change.text_version,
                             change.channel, change.actor)
