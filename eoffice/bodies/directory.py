"""The register of governing bodies: creating and changing a body (single-person or
collegiate), finding it by key, and what other contexts see of it (``BodyView``: the
holder of a single-person body today). Members are in :mod:`eoffice.bodies.members`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.bodies.domain import BodyKind, MemberRole, in_force
from eoffice.bodies.errors import InvalidBodyData, UnknownBody
from eoffice.bodies.models import Body, BodyMember
from eoffice.bodies.periods import clean_names, valid_key
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_today


@dataclass(frozen=True)
class BodyView:
    """A body as other contexts see it; ``holder``: the login holding a single-person
    body today (None for a collegiate body, or when nobody holds it)."""

    key: str
    kind: str
    name: dict[str, str]
    unit_code: str
    holder: str | None

    def label(self, language: str) -> str:
        return self.name.get(language) or self.name.get("es") or self.key


@dataclass(frozen=True)
class BodyData:
    """What an administrator gives for a body (``key`` and ``kind`` only when created)."""

    key: str
    kind: str
    name: dict[str, str]
    unit_code: str
    quorum_percent: int | None = None
    active: bool = True
    errors: list[FieldError] = field(default_factory=list)  # parse errors of a form


def invalid(field_name: str, message: str, code: str = "invalid") -> InvalidBodyData:
    return InvalidBodyData(message, errors=[FieldError(field_name, message, code)])


def get_body(session: Session, key: str, *, for_update: bool = False) -> Body:
    query = select(Body).where(Body.key == key)
    body = session.scalar(query.with_for_update() if for_update else query)
    if body is None:
        raise UnknownBody()
    return body


def list_bodies(session: Session) -> list[Body]:
    """Every body, active first, by key."""
    return list(session.scalars(select(Body).order_by(Body.active.desc(), Body.key)))


def list_body_views(session: Session, on: date | None = None) -> list[BodyView]:
    """Every active body with its holder on ``on`` (today), by key."""
    return [body_view(session, body, on) for body in list_bodies(session) if body.active]


def holder_on(session: Session, body: Body, on: date) -> str | None:
    """The login holding the single-person ``body`` on day ``on`` (None for collegiate)."""
    if body.kind != BodyKind.SINGLE:
        return None
    rows = session.scalars(select(BodyMember).where(
        BodyMember.body_id == body.id, BodyMember.role == MemberRole.HOLDER))
    return next((row.login for row in rows if in_force(row.valid_from, row.valid_to, on)),
                None)


def body_view(session: Session, body: Body, on: date | None = None) -> BodyView:
    return BodyView(key=body.key, kind=body.kind, name=dict(body.name),
                    unit_code=body.unit_code,
                    holder=holder_on(session, body, on or local_today()))


def _check(session: Session, data: BodyData, *, kind: BodyKind) -> list[FieldError]:
    errors = list(data.errors)
    if not clean_names(data.name).get("es"):
        errors.append(FieldError("name", _("Give the body's name in Spanish at least."),
                                 "required"))
    try:
        identity.describe_unit(session, data.unit_code, locale="es")
    except DomainError:
        errors.append(FieldError("unit_code", _("There is no unit %(code)s.",
                                                code=data.unit_code), "unknown_unit"))
    quorum = data.quorum_percent
    if kind == BodyKind.COLLEGIATE and (quorum is None or not 1 <= quorum <= 100):
        errors.append(FieldError("quorum_percent", _(
            "A collegiate body needs its quorum: a percentage from 1 to 100."), "invalid"))
    if kind == BodyKind.SINGLE and quorum is not None:
        errors.append(FieldError("quorum_percent", _(
            "A single-person body has no quorum: leave it empty."), "invalid"))
    return errors


def create_body(session: Session, data: BodyData, *, actor: str) -> Body:
    """A new body (audited); InvalidBodyData names every wrong field."""
    errors = []
    if not valid_key(data.key):
        errors.append(FieldError("key", _(
            "The key is 2 to 50 lower-case letters, digits or underscores, starting with "
            "a letter (e.g. mayor, local_board)."), "invalid"))
    elif session.scalar(select(Body.id).where(Body.key == data.key)) is not None:
        errors.append(FieldError("key", _("There is already a body %(key)s.", key=data.key),
                                 "duplicate"))
    try:
        kind = BodyKind(data.kind)
    except ValueError:
        errors.append(FieldError("kind", _("Choose single-person or collegiate."), "invalid"))
        kind = BodyKind.SINGLE
    errors += _check(session, data, kind=kind)
    if errors:
        raise InvalidBodyData(errors[0].message, errors=errors)
    body = Body(key=data.key, kind=kind.value, name=clean_names(data.name),
                unit_code=data.unit_code, quorum_percent=data.quorum_percent,
                active=data.active, created_at=utcnow())
    session.add(body)
    session.flush()
    _audit(session, "bodies.body_created", body, actor)
    return body


def update_body(session: Session, key: str, data: BodyData, *, actor: str) -> Body:
    """Change a body's names, unit, quorum or whether it is active (not its key or kind)."""
    body = get_body(session, key, for_update=True)
    errors = _check(session, data, kind=BodyKind(body.kind))
    if errors:
        raise InvalidBodyData(errors[0].message, errors=errors)
    body.name, body.unit_code = clean_names(data.name), data.unit_code
    body.quorum_percent, body.active = data.quorum_percent, data.active
    session.flush()
    _audit(session, "bodies.body_changed", body, actor)
    return body


def _audit(session: Session, action: str, body: Body, actor: str) -> None:
    audit.record_event(session, action, actor=actor, object_type="body",
                       object_id=body.key, unit_code=body.unit_code,
                       data={"kind": body.kind, "name": body.name,
                             "quorum_percent": body.quorum_percent, "active": body.active})
