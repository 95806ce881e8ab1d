"""Delegations of competence from one single-person body to another (the mayor to a
councillor): for one procedure or for every competence of the delegating body, from a day
to a day (or open-ended), under the decree that made it; revoked, never deleted. Two
delegations of the same competence by the same body may not overlap in time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.bodies.competences import check_procedure, competent_body_row
from eoffice.bodies.directory import get_body, invalid
from eoffice.bodies.domain import BodyKind, in_force
from eoffice.bodies.errors import UnknownDelegation
from eoffice.bodies.models import Body, Delegation
from eoffice.bodies.periods import covers, periods_overlap, scopes_overlap
from eoffice.shared.clock import utcnow
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date, local_today

MAX_REFERENCE = 200


@dataclass(frozen=True)
class NewDelegation:
    delegating_body: str  # key
    delegate_body: str  # key
    procedure_code: str | None  # None: every competence of the delegating body
    valid_from: date
    valid_to: date | None
    reference: str  # the decree that delegated ("Decreto 2026/15")


@dataclass(frozen=True)
class DelegationView:
    id: int
    delegating_body: str
    delegate_body: str
    procedure_code: str | None
    valid_from: date
    valid_to: date | None
    reference: str
    revoked_on: date | None
    in_force_today: bool


def delegation_view(row: Delegation, bodies: dict[int, Body],
                    today: date | None = None) -> DelegationView:
    revoked_on = local_date(row.revoked_at) if row.revoked_at else None
    return DelegationView(
        id=row.id, delegating_body=bodies[row.delegating_body_id].key,
        delegate_body=bodies[row.delegate_body_id].key, procedure_code=row.procedure_code,
        valid_from=row.valid_from, valid_to=row.valid_to, reference=row.reference,
        revoked_on=revoked_on,
        in_force_today=in_force(row.valid_from, row.valid_to, today or local_today(),
                                revoked=row.revoked_at is not None))


def list_delegations(session: Session, *, delegating_body_id: int | None = None
                     ) -> list[DelegationView]:
    """Every delegation (of one delegating body when given), newest first."""
    query = select(Delegation).order_by(Delegation.valid_from.desc(), Delegation.id.desc())
    if delegating_body_id is not None:
        query = query.where(Delegation.delegating_body_id == delegating_body_id)
    bodies = {body.id: body for body in session.scalars(select(Body))}
    today = local_today()
    return [delegation_view(row, bodies, today) for row in session.scalars(query)]


def delegations_of(session: Session, body: Body, procedure_code: str | None
                   ) -> list[Delegation]:
    """The delegations by ``body`` that cover ``procedure_code``, revoked ones included,
    latest first."""
    rows = session.scalars(select(Delegation).where(Delegation.delegating_body_id == body.id)
                           .order_by(Delegation.valid_from.desc(), Delegation.id.desc()))
    return [row for row in rows if covers(row.procedure_code, procedure_code)]


def delegation_in_force(session: Session, body: Body, procedure_code: str | None,
                        on: date) -> Delegation | None:
    """The delegation by ``body`` covering ``procedure_code`` on day ``on``, if any."""
    return next((row for row in delegations_of(session, body, procedure_code)
                 if in_force(row.valid_from, row.valid_to, on,
                             revoked=row.revoked_at is not None)), None)


def _check(session: Session, new: NewDelegation) -> tuple[Body, Body]:
    delegating, delegate = get_body(session, new.delegating_body), get_body(
        session, new.delegate_body)
    if delegating.id == delegate.id:
        raise invalid("delegate_body", _("A body cannot delegate to itself."), "same_body")
    if BodyKind.COLLEGIATE in (delegating.kind, delegate.kind):
        raise invalid("delegate_body", _(
            "Only delegations between single-person bodies are kept here (the mayor to a "
            "councillor)."), "collegiate")
    if not (delegating.active and delegate.active):
        raise invalid("delegate_body", _("Both bodies must be active."), "inactive")
    if new.procedure_code is not None:
        check_procedure(session, new.procedure_code)
        competent = competent_body_row(session, new.procedure_code)
        if competent is None or competent.id != delegating.id:
            raise invalid("procedure_code", _(
                "%(body)s is not the competent body of %(code)s: it cannot delegate it.",
                body=delegating.key, code=new.procedure_code), "not_competent")
    if new.valid_to is not None and new.valid_to < new.valid_from:
        raise invalid("valid_to", _("The end is before the start."), "reversed")
    if not new.reference.strip():
        raise invalid("reference", _("Name the decree that delegates (e.g. Decreto "
                                     "2026/15)."), "required")
    return delegating, delegate


def create_delegation(session: Session, new: NewDelegation, *, actor: str) -> Delegation:
    """Record a delegation (audited); refused when it overlaps another delegation of the
    same competence by the same body that is not revoked."""
    delegating, delegate = _check(session, new)
    get_body(session, delegating.key, for_update=True)  # one delegation at a time per body
    for other in session.scalars(select(Delegation).where(
            Delegation.delegating_body_id == delegating.id)):
        if (other.revoked_at is None and scopes_overlap(other.procedure_code,
                                                         new.procedure_code)
                and periods_overlap((other.valid_from, other.valid_to),
                                    (new.valid_from, new.valid_to))):
            raise invalid("valid_from", _(
                "The delegation %(reference)s already delegates this competence in that "
                "period: revoke it or choose other dates.", reference=other.reference),
                "overlap")
    row = Delegation(delegating_body_id=delegating.id, delegate_body_id=delegate.id,
                     procedure_code=new.procedure_code, valid_from=new.valid_from,
                     valid_to=new.valid_to, reference=new.reference.strip()[:MAX_REFERENCE],
                     revoked_at=None, created_at=utcnow(), created_by=actor)
    session.add(row)
    session.flush()
    _audit(session, "bodies.delegation_created", row, delegating, delegate, actor)
    return row


def revoke_delegation(session: Session, delegation_id: int, *, actor: str) -> Delegation:
    """Revoke a delegation from now on (audited): its delegate no longer signs for it."""
    row = session.get(Delegation, delegation_id, with_for_update=True)
    if row is None:
        raise UnknownDelegation()
    if row.revoked_at is not None:
        raise invalid("delegation", _("The delegation is already revoked."), "revoked")
    row.revoked_at = utcnow()
    session.flush()
    delegating, delegate = (session.get(Body, row.delegating_body_id),
                            session.get(Body, row.delegate_body_id))
    assert delegating is not None and delegate is not None
    _audit(session, "bodies.delegation_revoked", row, delegating, delegate, actor)
    return row


def _audit(session: Session, action: str, row: Delegation, delegating: Body, delegate: Body,
           actor: str) -> None:
    revoked: datetime | None = row.revoked_at
    audit.record_event(session, action, actor=actor, object_type="delegation",
                       object_id=str(row.id), unit_code=delegating.unit_code,
                       data={"delegating_body": delegating.key, "delegate_body": delegate.key,
                             "procedure": row.procedure_code,
                             "valid_from": row.valid_from.isoformat(),
                             "valid_to": row.valid_to.isoformat() if row.valid_to else None,
                             "reference": row.reference,
                             "revoked_at": revoked.isoformat() if revoked else None})
