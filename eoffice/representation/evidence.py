"""The evidence of each grant and revocation: a certificate (PDF/A) sealed by the office
with the power's number, grantor, representative, scope, period and the event's time.

Sealing asks the timestamp authority, so it never runs inside the grant's transaction: the
grant commits with an outbox message (``EVIDENCE_DUE_TOPIC``); the request then issues the
evidence at once and the worker does it later if the request could not. Issuing twice keeps
the first document. The grantor, the representative and the grantor's legal representative
may read it (:func:`evidence_rule`)."""

from __future__ import annotations

import logging
from typing import Any

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents, identity
from eoffice.identity import Principal
from eoffice.representation.domain import EventKind
from eoffice.representation.models import Power, PowerEvent
from eoffice.representation.services.views import legal_representative_of
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _
from eoffice.shared.localtime import city_timezone
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)


def _when(moment: Any) -> str:
    return moment.astimezone(city_timezone()).isoformat(timespec="seconds") if moment else "—"


def _through_name(session: Session, power: Power) -> str | None:
    """The name of the legal representative who granted a company's power."""
    if not power.granted_through:
        return None
    return session.scalar(select(Power.representative_name).where(
        Power.grantor_id_number == power.grantor_id_number,
        Power.representative_id_number == power.granted_through,
        Power.basis == "legal_representative").limit(1)) or power.granted_through


def evidence_data(power: Power, event: PowerEvent, language: str, *,
                  through_name: str | None = None) -> dict[str, Any]:
    """What the certificate shows (labels in ``language``) and embeds as JSON."""
    with force_locale(language):
        scope = {"all": _("All procedures"), "procedures": _("These procedures: %(codes)s",
                                                             codes=", ".join(power.procedures)),
                 "file": _("The file %(number)s", number=power.file_number)}[power.scope]
        fields = [
            (_("Power number"), power.number),
            (_("Grantor"), f"{power.grantor_name} ({power.grantor_id_number})"),
            (_("Representative"),
             f"{power.representative_name} ({power.representative_id_number})"),
            (_("Scope"), scope),
            (_("Valid from"), _when(power.valid_from)),
            (_("Valid until"), _when(power.valid_until) if power.valid_until
             else _("Until revoked")),
            (_("Basis"), _("Legal representative") if power.basis == "legal_representative"
             else _("Granted by the grantor")),
            (_("Event"), _("Granted") if event.kind == EventKind.GRANTED else _("Revoked")),
            (_("Time"), _when(event.at)),
            (_("Channel"), _("In person") if event.channel == "in_person" else _("Online")),
        ]
        if through_name and event.kind == EventKind.GRANTED:
            fields.append((_("Acting"), _("%(principal)s acting for %(grantor)s",
                                          principal=through_name,
                                          grantor=power.grantor_name)))
        if event.reason:
            fields.append((_("Reason"), event.reason))
        title = (_("Certificate of a power of representation") if event.kind == EventKind.GRANTED
                 else _("Certificate of revocation of a power of representation"))
    return {"title": f"{title} {power.number}", "fields": fields,
            "power": {"number": power.number, "grantor": power.grantor_id_number,
                      "representative": power.representative_id_number,
                      "scope": power.scope, "procedures": power.procedures,
                      "file_number": power.file_number, "event": event.kind,
                      "at": _when(event.at)}}


def _unit_of(session: Session, event: PowerEvent) -> str:
    if event.unit_code:
        return event.unit_code
    roots = [u.code for u in identity.list_units(session, codes=None, locale="es")
             if u.parent_code is None]
    return roots[0]


def _attach(power: Power, event: PowerEvent, document_id: str) -> None:
    event.document_id = document_id
    if event.kind == EventKind.GRANTED:
        power.evidence_document_id = document_id
    else:
        power.revocation_document_id = document_id


def issue_evidence_in(session: Session, event_id: int, *, language: str = "es") -> str | None:
    """Seal the evidence of ``event_id`` in ``session`` (the demo: one transaction)."""
    event = session.get(PowerEvent, event_id)
    if event is None or event.document_id:
        return event.document_id if event else None
    power = session.get(Power, event.power_id)
    assert power is not None
    data = evidence_data(power, event, language, through_name=_through_name(session, power))
    issued = documents.issue_document(
        session, doc_type=documents.DocumentType.CERTIFICATE, title=data["title"], data=data,
        language=language, unit_code=_unit_of(session, event),
        attachments_json={"power": data["power"]}, actor="representation")
    _attach(power, event, issued.id)
    return issued.id


def issue_evidence(event_id: int, *, language: str = "es") -> str | None:
    """Seal the evidence of ``event_id`` unless it has one (TSA asked outside any write
    transaction); the document's id either way."""
    with reader() as db:
        event = db.get(PowerEvent, event_id)
        if event is None or event.document_id:
            return event.document_id if event else None
        power = db.get(Power, event.power_id)
        assert power is not None
        data = evidence_data(power, event, language, through_name=_through_name(db, power))
        unit_code = _unit_of(db, event)
        unit = identity.describe_unit(db, unit_code, locale=language)
    prepared = documents.prepare_document(
        doc_type=documents.DocumentType.CERTIFICATE, title=data["title"], data=data,
        language=language, unit_code=unit_code, unit_name=unit.name,
        attachments_json={"power": data["power"]})
    with unit_of_work() as db:
        event = db.get(PowerEvent, event_id, with_for_update=True)
        assert event is not None
        if not event.document_id:  # the worker may have been quicker
            power = db.get(Power, event.power_id)
            assert power is not None
            issued = documents.record_document(db, prepared, actor="representation")
            _attach(power, event, issued.id)
        return event.document_id


def latest_event_id(session: Session, power_id: str) -> int:
    """The id of the power's newest event (the one a page just recorded)."""
    found = session.scalar(select(PowerEvent.id).where(PowerEvent.power_id == power_id)
                           .order_by(PowerEvent.id.desc()).limit(1))
    assert found is not None
    return found


def issue_now(power_id: str, *, language: str) -> None:
    """After the grant or revocation commits: seal its evidence now, or leave it to the
    worker (the outbox has it due) when sealing fails."""
    try:
        with reader() as db:
            event_id = latest_event_id(db, power_id)
        issue_evidence(event_id, language=language)
    except Exception:
        log.exception("evidence of power %s left to the worker", power_id)


def evidence_due(delivery: Delivery) -> None:
    """Outbox consumer: the evidence the request could not seal at once."""
    issue_evidence(int(delivery.payload["event"]),
                   language=str(delivery.payload.get("language", "es")))


def evidence_rule(session: Session, principal: Principal,
                  view: documents.DocumentView) -> bool | None:
    """Documents access rule: the parties of a power may read its evidence."""
    power = session.scalar(select(Power).where(
        (Power.evidence_document_id == view.id) | (Power.revocation_document_id == view.id)))
    if power is None:
        return None
    mine = principal.id_number
    if mine and (mine in (power.grantor_id_number, power.representative_id_number)
                 or legal_representative_of(session, mine, power.grantor_id_number)):
        return True
    return None


def seal_latest_evidence(session: Session, power_id: str, *, language: str = "es") -> str | None:
    """Seal the evidence of the power's newest event in ``session`` (for the demo and
    scripts, which work in one transaction)."""
    return issue_evidence_in(session, latest_event_id(session, power_id), language=language)
