"""Who is acting and what they may see: principals, units and their staff."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.identity.domain import Grant, Principal, RoleGrant, units_covered
from eoffice.identity.models import Account, Membership, Person, Role, Unit
from eoffice.identity.services.directory import get_unit


def _children_by_code(session: Session) -> dict[str, list[str]]:
    units = session.execute(select(Unit.id, Unit.code, Unit.parent_id)).all()
    code_of = {unit_id: code for unit_id, code, _ in units}
    children: dict[str, list[str]] = defaultdict(list)
    for _, code, parent_id in units:
        if parent_id is not None:
            children[code_of[parent_id]].append(code)
    return children


def units_below(session: Session, unit_code: str) -> frozenset[str]:
    """``unit_code`` and every unit below it (the reach of a role held there)."""
    return units_covered(unit_code, _children_by_code(session))


def load_principal(session: Session, account: Account, *, authenticated_by: str) -> Principal:
    """The principal of ``account``: its roles, units and grants, sub-units included."""
    rows = session.execute(
        select(Role.key, Role.permissions, Unit.code)
        .select_from(Membership)
        .join(Role, Role.id == Membership.role_id)
        .outerjoin(Unit, Unit.id == Membership.unit_id)
        .where(Membership.account_id == account.id)
    ).all()
    children = _children_by_code(session) if any(code for _, _, code in rows) else {}
    grants: list[Grant] = []
    role_grants: list[RoleGrant] = []
    for role_key, permissions, unit_code in rows:
        covered = units_covered(unit_code, children) if unit_code else None
        grants.extend(Grant(permission, covered) for permission in permissions)
        role_grants.append(RoleGrant(role_key, covered))
    return Principal(
        account_id=account.id,
        login=account.login,
        name=account.person.display_name,
        roles=frozenset(key for key, _, _ in rows),
        units=tuple(sorted({code for _, _, code in rows if code})),
        grants=tuple(grants),
        authenticated_by=authenticated_by,
        role_grants=tuple(role_grants),
        id_number=account.person.id_number,
        id_type=account.person.id_type,
        has_password=bool(account.password_hash),
    )


@dataclass(frozen=True)
class UnitView:
    code: str
    name: str
    parent_code: str | None
    parent_name: str | None


@dataclass(frozen=True)
class StaffMember:
    login: str
    display_name: str
    role_key: str
    role_name: str


def _name(names: dict[str, str], locale: str) -> str:
    return names.get(locale) or names.get("es") or next(iter(names.values()), "")


def describe_unit(session: Session, code: str, *, locale: str) -> UnitView:
    unit = get_unit(session, code)
    parent = session.get(Unit, unit.parent_id) if unit.parent_id else None
    return UnitView(
        code=unit.code,
        name=_name(unit.names, locale),
        parent_code=parent.code if parent else None,
        parent_name=_name(parent.names, locale) if parent else None,
    )


def list_units(session: Session, *, codes: set[str] | None, locale: str) -> list[UnitView]:
    """Units (only ``codes`` when given), in code order."""
    query = select(Unit).order_by(Unit.code)
    if codes is not None:
        query = query.where(Unit.code.in_(codes))
    parents = {u.id: u for u in session.scalars(select(Unit))}
    return [
        UnitView(
            code=u.code,
            name=_name(u.names, locale),
            parent_code=parents[u.parent_id].code if u.parent_id else None,
            parent_name=_name(parents[u.parent_id].names, locale) if u.parent_id else None,
        )
        for u in session.scalars(query)
    ]


def list_unit_staff(session: Session, code: str, *, locale: str) -> list[StaffMember]:
    """People holding a role in the unit itself, by name."""
    unit = get_unit(session, code)
    rows = session.execute(
        select(Account.login, Person, Role.key, Role.names)
        .select_from(Membership)
        .join(Account, Account.id == Membership.account_id)
        .join(Person, Person.id == Account.person_id)
        .join(Role, Role.id == Membership.role_id)
        .where(Membership.unit_id == unit.id)
    ).all()
    staff = [
        StaffMember(login, person.display_name, key, _name(names, locale))
        for login, person, key, names in rows
    ]
    return sorted(staff, key=lambda member: (member.display_name, member.role_key))


@dataclass(frozen=True)
class PersonView:
    """What another context may show of a person: name and identity document."""

    name: str
    id_type: str
    id_number: str
    email: str | None = None


def describe_person(session: Session, person_id: int) -> PersonView:
    """The person with ``person_id`` (a foreign key another context keeps)."""
    person = session.get(Person, person_id)
    if person is None:
        raise LookupError(f"no person {person_id}")
    return PersonView(person.display_name, person.id_type, person.id_number, person.email)
