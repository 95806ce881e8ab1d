"""Who holds or sits on a body, in which role and from when to when: a single-person
body has one holder at a time; a collegiate body one chair and one secretary at a time
(the secretary does not vote) and its members. Memberships are ended, never deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.bodies.directory import get_body, invalid
from eoffice.bodies.domain import BodyKind, MemberRole, in_force
from eoffice.bodies.models import Body, BodyMember
from eoffice.bodies.periods import periods_overlap
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _

ONE_AT_A_TIME = (MemberRole.HOLDER, MemberRole.CHAIR, MemberRole.SECRETARY)


@dataclass(frozen=True)
class NewMember:
    login: str
    role: str
    valid_from: date
    valid_to: date | None = None
    voting: bool | None = None  # None: everyone votes but the secretary


@dataclass(frozen=True)
class MemberView:
    id: int
    login: str
    role: str
    voting: bool
    valid_from: date
    valid_to: date | None


def members_of(session: Session, body_key: str, on: date | None = None) -> list[MemberView]:
    """The members of the body ``body_key``: all of them, or those in force on ``on``."""
    body = get_body(session, body_key)
    rows = list_members(session, body) if on is None else members_on(session, body, on)
    return [MemberView(row.id, row.login, row.role, row.voting, row.valid_from, row.valid_to)
            for row in rows]


def list_members(session: Session, body: Body) -> list[BodyMember]:
    """Every membership of ``body``, current and past, newest first."""
    return list(session.scalars(select(BodyMember).where(BodyMember.body_id == body.id)
                                .order_by(BodyMember.valid_from.desc(), BodyMember.id)))


def members_on(session: Session, body: Body, on: date) -> list[BodyMember]:
    """The memberships of ``body`` in force on day ``on``."""
    return [row for row in list_members(session, body)
            if in_force(row.valid_from, row.valid_to, on)]


def _role(body: Body, role: str) -> MemberRole:
    allowed = ([MemberRole.HOLDER] if body.kind == BodyKind.SINGLE else
               [MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER])
    try:
        chosen = MemberRole(role)
    except ValueError:
        chosen = None
    if chosen not in allowed:
        raise invalid("role", _("A single-person body has a holder; a collegiate body a "
                                "chair, a secretary and members."))
    return chosen


def _check_overlaps(session: Session, body: Body, row: BodyMember, *,
                    ignore: int | None = None) -> None:
    period = (row.valid_from, row.valid_to)
    for other in list_members(session, body):
        if other.id == ignore or not periods_overlap(period, (other.valid_from,
                                                              other.valid_to)):
            continue
        if other.login == row.login:
            raise invalid("login", _("%(login)s already belongs to this body in that "
                                     "period.", login=row.login), "overlap")
        if row.role in ONE_AT_A_TIME and other.role == row.role:
            raise invalid("valid_from", _(
                "%(login)s holds that role in that period: end that membership first "
                "(one at a time).", login=other.login), "overlap")


def add_member(session: Session, body_key: str, new: NewMember, *,
               actor: str) -> BodyMember:
    """Appoint ``new.login`` to the body (audited); refused when the person is unknown,
    the role does not fit the body, the dates are reversed or the period overlaps."""
    body = get_body(session, body_key, for_update=True)
    role = _role(body, new.role)
    login = new.login.strip()
    try:
        identity.get_account(session, login)
    except DomainError as exc:
        raise invalid("login", _("There is no user %(login)s.", login=login),
                      "unknown_user") from exc
    if new.valid_to is not None and new.valid_to < new.valid_from:
        raise invalid("valid_to", _("The end is before the start."), "reversed")
    voting = new.voting if new.voting is not None else role != MemberRole.SECRETARY
    row = BodyMember(body_id=body.id, login=login, role=role.value, voting=voting,
                     valid_from=new.valid_from, valid_to=new.valid_to)
    _check_overlaps(session, body, row)
    session.add(row)
    session.flush()
    _audit(session, "bodies.member_added", body, row, actor)
    return row


def end_membership(session: Session, body_key: str, member_id: int, *, valid_to: date,
                   actor: str) -> BodyMember:
    """The last day of a membership (audited): the term ends, the row stays."""
    body = get_body(session, body_key, for_update=True)
    row = session.get(BodyMember, member_id)
    if row is None or row.body_id != body.id:
        raise invalid("member", _("There is no such member of this body."), "unknown")
    if valid_to < row.valid_from:
        raise invalid("valid_to", _("The end is before the start."), "reversed")
    row.valid_to = valid_to
    _check_overlaps(session, body, row, ignore=row.id)  # a later end may overlap
    session.flush()
    _audit(session, "bodies.member_ended", body, row, actor)
    return row


def _audit(session: Session, action: str, body: Body, row: BodyMember, actor: str) -> None:
    audit.record_event(session, action, actor=actor, object_type="body",
                       object_id=body.key, unit_code=body.unit_code,
                       data={"member": row.id, "login": row.login, "role": row.role,
                             "voting": row.voting, "valid_from": row.valid_from.isoformat(),
                             "valid_to": row.valid_to.isoformat() if row.valid_to else None})
