"""Reading powers: the :class:`PowerView` other contexts get, one power for whoever may see
it (404 for anyone else), the powers a person granted or holds, and the clerks' search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eoffice.identity import Permission, Principal
from eoffice.representation.domain import Basis, PowerState, state_at
from eoffice.representation.errors import UnknownPower
from eoffice.representation.models import Power, PowerEvent
from eoffice.shared.clock import utcnow


@dataclass(frozen=True)
class PowerView:
    """A power of representation as other contexts and pages see it."""

    id: str
    number: str
    grantor_id_number: str
    grantor_name: str
    grantor_kind: str
    representative_id_number: str
    representative_name: str
    scope: str
    procedures: tuple[str, ...]
    file_number: str | None
    valid_from: datetime
    valid_until: datetime | None
    revoked_at: datetime | None
    basis: str
    evidence_document_id: str | None
    state: str
    revocation_document_id: str | None = None
    revocation_reason: str | None = None
    channel: str = "online"
    granted_at: datetime | None = None


def to_view(power: Power, *, at: datetime | None = None) -> PowerView:
    state = state_at(valid_from=power.valid_from, valid_until=power.valid_until,
                     revoked_at=power.revoked_at, at=at or utcnow())
    return PowerView(
        id=power.id, number=power.number, grantor_id_number=power.grantor_id_number,
        grantor_name=power.grantor_name, grantor_kind=power.grantor_kind,
        representative_id_number=power.representative_id_number,
        representative_name=power.representative_name, scope=power.scope,
        procedures=tuple(power.procedures or ()), file_number=power.file_number,
        valid_from=power.valid_from, valid_until=power.valid_until,
        revoked_at=power.revoked_at, basis=power.basis,
        evidence_document_id=power.evidence_document_id, state=state.value,
        revocation_document_id=power.revocation_document_id,
        revocation_reason=power.revocation_reason, channel=power.channel,
        granted_at=power.granted_at)


def legal_representative_of(session: Session, representative: str | None, company: str,
                            *, at: datetime | None = None) -> Power | None:
    """The valid legal-representative record naming ``representative`` for ``company``."""
    if not representative:
        return None
    moment = at or utcnow()
    for power in session.scalars(select(Power).where(
            Power.grantor_id_number == company, Power.representative_id_number == representative,
            Power.basis == Basis.LEGAL_REPRESENTATIVE)):
        if state_at(valid_from=power.valid_from, valid_until=power.valid_until,
                    revoked_at=power.revoked_at, at=moment) == PowerState.VALID:
            return power
    return None


def companies_represented_by(session: Session, id_number: str | None) -> list[Power]:
    """The valid legal-representative records of ``id_number`` (the companies she acts for)."""
    if not id_number:
        return []
    now = utcnow()
    return [p for p in session.scalars(select(Power).where(
        Power.representative_id_number == id_number,
        Power.basis == Basis.LEGAL_REPRESENTATIVE).order_by(Power.grantor_name))
        if state_at(valid_from=p.valid_from, valid_until=p.valid_until,
                    revoked_at=p.revoked_at, at=now) == PowerState.VALID]


def is_clerk(principal: Principal) -> bool:
    """Registry clerks keep the register of powers (record, search, revoke)."""
    return principal.can(Permission.REGISTER_ENTRIES, somewhere=True)


def may_see(session: Session, principal: Principal, power: Power) -> bool:
    """The grantor, the representative, the grantor's legal representative and clerks."""
    mine = principal.id_number
    if is_clerk(principal):
        return True
    if mine is None:
        return False
    if mine in (power.grantor_id_number, power.representative_id_number):
        return True
    return legal_representative_of(session, mine, power.grantor_id_number) is not None


def get_power_row(session: Session, power_id: str, principal: Principal, *,
                  for_update: bool = False) -> Power:
    query = select(Power).where(Power.id == str(power_id)[:36])
    power = session.scalar(query.with_for_update() if for_update else query)
    if power is None or not may_see(session, principal, power):
        raise UnknownPower()
    return power


def get_power(session: Session, power_id: str, principal: Principal) -> PowerView:
    """The power with that id if ``principal`` may see it; else UnknownPower (404)."""
    return to_view(get_power_row(session, power_id, principal))


def powers_granted_by(session: Session, id_numbers: Sequence[str]) -> list[PowerView]:
    """Powers granted by any of ``id_numbers`` (a person and the companies she represents),
    newest first, whatever their state."""
    if not id_numbers:
        return []
    rows = session.scalars(select(Power).where(Power.grantor_id_number.in_(list(id_numbers)))
                           .order_by(Power.granted_at.desc(), Power.number.desc()))
    return [to_view(p) for p in rows]


def powers_held_by(session: Session, id_number: str | None) -> list[PowerView]:
    """Powers held by ``id_number``, newest first, whatever their state."""
    if not id_number:
        return []
    rows = session.scalars(select(Power).where(Power.representative_id_number == id_number)
                           .order_by(Power.granted_at.desc(), Power.number.desc()))
    return [to_view(p) for p in rows]


def search_powers(session: Session, id_number: str, *, limit: int = 200) -> list[PowerView]:
    """Clerks' search: powers where ``id_number`` is grantor or representative, or the power
    with that number."""
    wanted = id_number.strip().upper()[:30]
    rows = session.scalars(select(Power).where(or_(
        Power.grantor_id_number == wanted, Power.representative_id_number == wanted,
        Power.number == wanted)).order_by(Power.granted_at.desc()).limit(limit))
    return [to_view(p) for p in rows]


def events_of(session: Session, power_id: str) -> Sequence[PowerEvent]:
    return session.scalars(select(PowerEvent).where(PowerEvent.power_id == power_id)
                           .order_by(PowerEvent.id)).all()
