"""The question other contexts ask wherever acting for someone else matters: does this
representative hold a valid power from this grantor covering this procedure or file? And
the list of grantors a representative may act for now."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.representation.domain import Coverage, PowerScope, PowerState, state_at
from eoffice.representation.errors import (
    NoPower,
    OutsideScope,
    PowerExpired,
    PowerNotYetValid,
    PowerRevoked,
    RepresentationRefused,
)
from eoffice.representation.models import Power
from eoffice.representation.services.views import PowerView, to_view
from eoffice.shared.clock import utcnow

REFUSALS: dict[PowerState, type[RepresentationRefused]] = {
    PowerState.REVOKED: PowerRevoked,
    PowerState.EXPIRED: PowerExpired,
    PowerState.NOT_YET_VALID: PowerNotYetValid,
}


def _id(value: str) -> str:
    return "".join(value.split()).upper()[:30]


def _covers(power: Power, procedure: str | None, file_number: str | None) -> bool:
    coverage = Coverage(PowerScope(power.scope), tuple(power.procedures or ()),
                        power.file_number)
    return coverage.covers(procedure=procedure, file_number=file_number)


def check_power(session: Session, *, representative: str, grantor: str,
                procedure: str | None = None, file_number: str | None = None,
                at: datetime | None = None) -> PowerView:
    """The valid power of ``representative`` from ``grantor`` covering ``procedure`` /
    ``file_number`` at ``at`` (now). Refusals: NoPower (none from that grantor),
    OutsideScope (none covers it), else the state of the latest covering power
    (PowerRevoked, PowerExpired, PowerNotYetValid)."""
    moment = at or utcnow()
    powers = session.scalars(select(Power).where(
        Power.representative_id_number == _id(representative),
        Power.grantor_id_number == _id(grantor)).order_by(Power.granted_at.desc())).all()
    if not powers:
        raise NoPower()
    covering = [p for p in powers if _covers(p, procedure, file_number)]
    if not covering:
        raise OutsideScope()
    states = [(p, state_at(valid_from=p.valid_from, valid_until=p.valid_until,
                           revoked_at=p.revoked_at, at=moment)) for p in covering]
    for power, state in states:
        if state == PowerState.VALID:
            return to_view(power, at=moment)
    raise REFUSALS[states[0][1]]()


def grantors_of(session: Session, representative: str,
                at: datetime | None = None) -> list[PowerView]:
    """The valid powers ``representative`` holds at ``at`` (now), by grantor's name."""
    moment = at or utcnow()
    powers = session.scalars(select(Power).where(
        Power.representative_id_number == _id(representative),
        Power.revoked_at.is_(None) | (Power.revoked_at > moment))
        .order_by(Power.grantor_name, Power.number)).all()
    return [to_view(p, at=moment) for p in powers
            if state_at(valid_from=p.valid_from, valid_until=p.valid_until,
                        revoked_at=p.revoked_at, at=moment) == PowerState.VALID]
