"""Granting and revoking powers, with the rules of the register of powers (Law 39/2015,
art. 5-6): a person grants her own powers online; a company grants only through a valid
legal representative; a registry clerk records powers granted in person (apud acta) and a
company's legal representatives; the grantor, her legal representative or a clerk revokes.
Each grant and revocation is audited and queues its sealed evidence document."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity import Principal
from eoffice.representation.domain import (
    EVIDENCE_DUE_TOPIC,
    POWER_GRANTED,
    POWER_REVOKED,
    Basis,
    EventKind,
    PowerChannel,
    PowerScope,
    acting_label,
    kind_of_id,
)
from eoffice.representation.errors import (
    AlreadyRevoked,
    InvalidPower,
    NotGrantor,
    ReasonRequired,
)
from eoffice.representation.models import Power, PowerCounter, PowerEvent
from eoffice.representation.services import validation
from eoffice.representation.services.views import (
    PowerView,
    get_power_row,
    is_clerk,
    legal_representative_of,
    to_view,
)
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.counters import take_next
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date


@dataclass(frozen=True)
class NewPower:
    """A power as asked for (pages, API, demo); ids are checked and normalised."""

    representative_id_number: str
    representative_name: str
    scope: PowerScope | str = PowerScope.ALL
    procedures: tuple[str, ...] = field(default=())
    file_number: str | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    representative_id_type: str | None = None
    #: Empty when a citizen grants her own power; a company's CIF when her legal
    #: representative grants for it; anyone when a clerk records a power in person.
    grantor_id_number: str | None = None
    grantor_id_type: str | None = None
    grantor_name: str | None = None
    #: In person for a company: the legal representative who appeared at the office.
    through_id_number: str | None = None


def _office_of(principal: Principal) -> str | None:
    units = principal.units_with("registry.register")
    return sorted(units)[0] if units else None


def _new_number(session: Session, now: datetime) -> tuple[int, int, str]:
    year = local_date(now).year  # the city's year, as the registers' numbers
    sequence = take_next(session, PowerCounter, year=year)
    return year, sequence, f"PODER/{year}/{sequence:06d}"


def _record(session: Session, power: Power, *, kind: EventKind, principal: Principal,
            acting_for: str | None, unit: str | None, reason: str | None = None,
            channel: str | None = None) -> None:
    event = PowerEvent(power_id=power.id, kind=kind.value, at=utcnow(), actor=principal.login,
                       acting_for=acting_for, channel=channel or power.channel, reason=reason,
                       unit_code=unit)
    session.add(event)
    session.flush()
    data: dict[str, object] = {"number": power.number, "grantor": power.grantor_id_number,
                               "representative": power.representative_id_number,
                               "scope": power.scope}
    if acting_for:
        data.update(acting_for=acting_for, acting_for_name=power.grantor_name,
                    label=acting_label(principal.name, power.grantor_name))
    if power.granted_through:
        data["through"] = power.granted_through
    if reason:
        data["reason"] = reason
    audit.record_event(session, POWER_GRANTED if kind == EventKind.GRANTED else POWER_REVOKED,
                       actor=principal.login, object_type="power", object_id=power.id,
                       unit_code=unit, data=data)
    outbox.enqueue(session, EVIDENCE_DUE_TOPIC, {"event": event.id},
                   dedup_key=f"{EVIDENCE_DUE_TOPIC}:{event.id}")


def _grantor(session: Session, new: NewPower, principal: Principal,
             channel: PowerChannel) -> tuple[str, str, str, str | None]:
    """(id type, id number, name, legal representative acting) of the grantor, checked
    against who asks."""
    if channel == PowerChannel.ONLINE:
        if not new.grantor_id_number or new.grantor_id_number.upper() == principal.id_number:
            if not principal.id_number:
                raise NotGrantor()
            return principal.id_type or "nif", principal.id_number, principal.name, None
        company = "".join(new.grantor_id_number.split()).upper()
        record = legal_representative_of(session, principal.id_number, company)
        if record is None:
            raise NotGrantor()
        return record.grantor_id_type, company, record.grantor_name, principal.id_number
    id_type, number = validation.national_id(new.grantor_id_type, new.grantor_id_number or "",
                                             "grantor_id_number")
    name = validation.name(new.grantor_name, "grantor_name")
    if kind_of_id(id_type) != "legal":
        return id_type, number, name, None
    through = "".join((new.through_id_number or "").split()).upper()
    if legal_representative_of(session, through, number) is None:
        raise InvalidPower(errors=[FieldError("through_id_number", _(
            "A company grants powers only through a legal representative registered "
            "here."), "not_legal_representative")])
    return id_type, number, name, through


def grant_power(session: Session, new: NewPower, *, principal: Principal,
                channel: PowerChannel = PowerChannel.ONLINE) -> PowerView:
    """Grant a power online (the principal's own, or her company's as its legal
    representative) or record one granted in person (registry clerks). Nothing is
    written when anything is wrong."""
    if channel == PowerChannel.IN_PERSON and not is_clerk(principal):
        raise NotGrantor()
    id_type, number, name, through = _grantor(session, new, principal, channel)
    checked = validation.check_new_power(session, new, grantor_id_number=number)
    now = utcnow()
    year, sequence, readable = _new_number(session, now)
    power = Power(
        id=str(uuid.uuid4()), year=year, sequence=sequence, number=readable,
        grantor_kind=kind_of_id(id_type), grantor_id_type=id_type, grantor_id_number=number,
        grantor_name=name, representative_id_type=checked.representative_id_type,
        representative_id_number=checked.representative_id_number,
        representative_name=checked.representative_name, scope=checked.scope.value,
        procedures=list(checked.procedures), file_number=checked.file_number,
        valid_from=checked.valid_from, valid_until=checked.valid_until,
        basis=Basis.GRANTED.value, channel=channel.value, granted_at=now,
        granted_by=principal.login, granted_through=through)
    session.add(power)
    session.flush()
    acting_for = number if through and channel == PowerChannel.ONLINE else None
    _record(session, power, kind=EventKind.GRANTED, principal=principal,
            acting_for=acting_for, unit=_office_of(principal))
    return to_view(power)


def register_legal_representative(session: Session, new: NewPower, *,
                                  principal: Principal) -> PowerView:
    """A registry clerk records a company's legal representative (from the companies
    register's extract): basis legal_representative, scope all, until revoked unless an
    end is given."""
    if not is_clerk(principal):
        raise NotGrantor()
    id_type, number = validation.national_id(new.grantor_id_type or "cif",
                                             new.grantor_id_number or "", "grantor_id_number")
    if kind_of_id(id_type) != "legal":
        raise InvalidPower(errors=[FieldError("grantor_id_number", _(
            "Enter the tax id (CIF) of a company."), "not_a_company")])
    name = validation.name(new.grantor_name, "grantor_name")
    rep_type, rep_number, rep_name, valid_from, valid_until = validation.legal_representative(
        new, grantor_id_number=number)
    now = utcnow()
    year, sequence, readable = _new_number(session, now)
    power = Power(
        id=str(uuid.uuid4()), year=year, sequence=sequence, number=readable,
        grantor_kind="legal", grantor_id_type=id_type, grantor_id_number=number,
        grantor_name=name, representative_id_type=rep_type,
        representative_id_number=rep_number, representative_name=rep_name,
        scope=PowerScope.ALL.value, procedures=[], file_number=None, valid_from=valid_from,
        valid_until=valid_until, basis=Basis.LEGAL_REPRESENTATIVE.value,
        channel=PowerChannel.IN_PERSON.value, granted_at=now, granted_by=principal.login,
        granted_through=None)
    session.add(power)
    session.flush()
    _record(session, power, kind=EventKind.GRANTED, principal=principal, acting_for=None,
            unit=_office_of(principal))
    return to_view(power)


def revoke_power(session: Session, power_id: str, *, reason: str,
                 principal: Principal) -> PowerView:
    """Revoke a power (the grantor, her legal representative for a company, or a clerk;
    a company's legal representation only a clerk). Others: 404 or 403."""
    power = get_power_row(session, power_id, principal, for_update=True)
    clerk = is_clerk(principal)
    acting_for = None
    if not clerk:
        if power.basis == Basis.LEGAL_REPRESENTATIVE:
            raise NotGrantor()
        if power.grantor_id_number != principal.id_number:
            if legal_representative_of(session, principal.id_number,
                                       power.grantor_id_number) is None:
                raise NotGrantor()
            acting_for = power.grantor_id_number
    if power.revoked_at is not None:
        raise AlreadyRevoked()
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(errors=[FieldError("reason", _(
            "Give the reason for revoking the power."), "required")])
    power.revoked_at, power.revoked_by = utcnow(), principal.login
    power.revocation_reason = reason[:500]
    session.flush()
    _record(session, power, kind=EventKind.REVOKED, principal=principal,
            acting_for=acting_for, unit=_office_of(principal) if clerk else None,
            reason=power.revocation_reason,
            channel=PowerChannel.IN_PERSON.value if clerk else PowerChannel.ONLINE.value)
    return to_view(power)
