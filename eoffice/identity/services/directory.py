"""The directory: people, accounts, units and roles (created by admins or the demo)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity import passwords
from eoffice.identity.domain import IdType, InvalidNationalId, PersonKind, normalise_national_id
from eoffice.identity.errors import (
    InvalidNationalIdNumber,
    UnknownAccount,
    UnknownMembership,
    UnknownRole,
    UnknownUnit,
)
from eoffice.identity.models import Account, Membership, Person, Role, Unit
from eoffice.shared.clock import utcnow


def ensure_person(
    session: Session,
    *,
    kind: PersonKind,
    id_type: IdType,
    id_number: str,
    given_name: str | None = None,
    family_names: str | None = None,
    legal_name: str | None = None,
    email: str | None = None,
) -> Person:
    """The person with that id, created if new (the id is validated first)."""
    try:
        number = normalise_national_id(id_type, id_number)
    except InvalidNationalId as exc:
        raise InvalidNationalIdNumber() from exc
    person = session.scalar(select(Person).filter_by(id_type=id_type, id_number=number))
    if person is None:
        person = Person(kind=kind, id_type=id_type, id_number=number, created_at=utcnow())
        session.add(person)
    person.given_name, person.family_names = given_name, family_names
    person.legal_name, person.email = legal_name, email
    session.flush()
    return person


def ensure_account(
    session: Session, *, login: str, person: Person, password: str | None
) -> Account:
    """The account with that login, created if new; the password is (re)set when given.

    The password is not checked against the password policy (ADR 0053): this is for the
    demo loader, whose passwords equal the login; people change theirs with
    ``services.password_change.change_password``, which applies it."""
    account = session.scalar(select(Account).filter_by(login=login))
    if account is None:
        account = Account(
            login=login, person_id=person.id, created_at=utcnow(), failed_sign_ins=0,
            is_active=True,
        )
        session.add(account)
    if password is not None and not (
        account.password_hash and passwords.verify_password(account.password_hash, password)
    ):
        account.password_hash = passwords.hash_password(password)
    session.flush()
    return account


def ensure_unit(
    session: Session, *, code: str, names: dict[str, str], parent_code: str | None = None
) -> Unit:
    """The unit with that code, created or updated."""
    unit = session.scalar(select(Unit).filter_by(code=code))
    if unit is None:
        unit = Unit(code=code, names=names)
        session.add(unit)
    unit.names = names
    unit.parent_id = get_unit(session, parent_code).id if parent_code else None
    session.flush()
    return unit


def ensure_role(
    session: Session, *, key: str, names: dict[str, str], permissions: Iterable[str]
) -> Role:
    """The role with that key, created or updated with exactly ``permissions``."""
    role = session.scalar(select(Role).filter_by(key=key))
    if role is None:
        role = Role(key=key, names=names, permissions=[])
        session.add(role)
    role.names = names
    role.permissions = sorted(set(permissions))
    session.flush()
    return role


def assign_role(
    session: Session, account: Account, role_key: str, *, unit_code: str | None, actor: str
) -> Membership:
    """Give ``account`` the role in a unit (or everywhere); audited when new."""
    role = get_role(session, role_key)
    unit_id = get_unit(session, unit_code).id if unit_code else None
    membership = session.scalar(
        select(Membership).filter_by(account_id=account.id, role_id=role.id, unit_id=unit_id)
    )
    if membership is None:
        membership = Membership(account_id=account.id, role_id=role.id, unit_id=unit_id)
        session.add(membership)
        session.flush()
        audit.record_event(
            session, "identity.role_assigned", actor=actor, object_type="account",
            object_id=account.login, unit_code=unit_code, data={"role": role_key},
        )
    return membership


def revoke_role(
    session: Session, account: Account, role_key: str, *, unit_code: str | None, actor: str
) -> None:
    """Take the role in that unit (or the global role) from ``account``; audited."""
    role = session.scalar(select(Role).filter_by(key=role_key))
    unit_id = get_unit(session, unit_code).id if unit_code else None
    membership = None if role is None else session.scalar(
        select(Membership).filter_by(account_id=account.id, role_id=role.id, unit_id=unit_id)
    )
    if membership is None:
        raise UnknownMembership()
    session.delete(membership)
    audit.record_event(
        session, "identity.role_revoked", actor=actor, object_type="account",
        object_id=account.login, unit_code=unit_code, data={"role": role_key},
    )


def list_memberships(session: Session, account: Account) -> list[tuple[str, str | None]]:
    """(role key, unit code or None) of every role the account holds."""
    rows = session.execute(
        select(Role.key, Unit.code)
        .select_from(Membership)
        .join(Role, Role.id == Membership.role_id)
        .outerjoin(Unit, Unit.id == Membership.unit_id)
        .where(Membership.account_id == account.id)
        .order_by(Role.key, Unit.code)
    ).all()
    return [(key, code) for key, code in rows]


def get_role(session: Session, key: str) -> Role:
    role = session.scalar(select(Role).filter_by(key=key))
    if role is None:
        raise UnknownRole()
    return role


def get_unit(session: Session, code: str) -> Unit:
    unit = session.scalar(select(Unit).filter_by(code=code))
    if unit is None:
        raise UnknownUnit()
    return unit


def get_account(session: Session, login: str) -> Account:
    account = session.scalar(select(Account).filter_by(login=login))
    if account is None:
        raise UnknownAccount()
    return account
