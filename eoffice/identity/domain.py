"""Pure rules of identity: permissions, who may do what where, national ids, lockout."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from stdnum import exceptions as stdnum_errors
from stdnum.es import cif, nie, nif


class Permission(enum.StrEnum):
    """Everything the server checks before acting; roles are sets of these."""

    ACT_AS_CITIZEN = "citizen.act"
    USE_BACKOFFICE = "backoffice.use"
    VIEW_UNIT_STAFF = "units.view_staff"
    VIEW_FILES = "files.view"
    PROCESS_FILES = "files.process"
    SIGN_RESOLUTIONS = "resolutions.sign"
    MANAGE_CATALOGUE = "catalogue.manage"
    MANAGE_PROCESSES = "processes.manage"
    MANAGE_IDENTITY = "identity.manage"
    MANAGE_ARCHIVE = "archive.manage"
    VIEW_AUDIT = "audit.view"
    RECONCILE_PAYMENTS = "payments.reconcile"
    REGISTER_ENTRIES = "registry.register"
    RECEIVE_ENTRIES = "registry.receive"  # a system delivering entries of other administrations
    MANAGE_BODIES = "bodies.manage"  # governing bodies, members, delegations, competences
    RUN_SESSIONS = "bodies.sessions"  # the secretary's office: agendas, sessions, minutes
    MANAGE_TERRITORY = "territory.manage"  # streets, addresses, cadastre imports


class PersonKind(enum.StrEnum):
    NATURAL = "natural"
    LEGAL = "legal"


class IdType(enum.StrEnum):
    NIF = "nif"  # Spanish national id of a natural person (DNI)
    NIE = "nie"  # foreigner's id number
    CIF = "cif"  # tax id of a legal person
    PASSPORT = "passport"
    EXTERNAL = "external"  # only known to an identity provider (its subject, hashed)


class InvalidNationalId(ValueError):
    """The id number does not pass its check digits or format."""


def normalise_national_id(id_type: IdType, value: str) -> str:
    """The compact, validated form of an id number (python-stdnum does the checks)."""
    validators = {IdType.NIF: nif, IdType.NIE: nie, IdType.CIF: cif}
    try:
        if id_type in validators:
            return str(validators[id_type].validate(value))
    except stdnum_errors.ValidationError as exc:
        raise InvalidNationalId(str(exc)) from exc
    compact = "".join(value.split()).upper()
    if not (5 <= len(compact) <= 20 and compact.isalnum()):
        raise InvalidNationalId("a passport number has 5 to 20 letters and digits")
    return compact


@dataclass(frozen=True)
class Grant:
    """A permission held everywhere (``units`` is None) or in a set of units."""

    permission: str
    units: frozenset[str] | None


@dataclass(frozen=True)
class RoleGrant:
    """A role held everywhere (``units`` is None) or in a unit and the units below it."""

    role: str
    units: frozenset[str] | None


@dataclass(frozen=True)
class Principal:
    """Who is acting in a request, with everything needed to authorise on the server."""

    account_id: int
    login: str
    name: str
    roles: frozenset[str]
    units: tuple[str, ...]
    grants: tuple[Grant, ...] = field(default=())
    authenticated_by: str = "session"
    role_grants: tuple[RoleGrant, ...] = field(default=())
    #: The person behind the account: her national id (what parties, powers and
    #: notifications name) and its type; None for principals built without one.
    id_number: str | None = None
    id_type: str | None = None
    #: When the person last proved who she is in this browser session (sign-in or
    #: re-authentication); None for API tokens and principals built without one.
    authenticated_at: datetime | None = None
    #: Whether the account signs in with a password kept here (it may change it), known
    #: from the account row the principal was loaded from.
    has_password: bool = False

    def has_role(self, role: str, *, unit: str | None = None) -> bool:
        """Whether the principal holds ``role`` in ``unit`` (there or above it, or
        everywhere); with no unit, anywhere. A head of one unit is not a head of another
        where she is only a clerk. (Principals built without role grants, as some tests
        build them, answer from ``roles``.)"""
        if not self.role_grants:
            return role in self.roles
        return any(grant.role == role and (grant.units is None or unit is None
                                           or unit in grant.units)
                   for grant in self.role_grants)

    def can(
        self, permission: Permission | str, *, unit: str | None = None, somewhere: bool = False
    ) -> bool:
        """Whether the principal holds ``permission``: in ``unit`` when given (a grant
        there, above it, or everywhere); in some unit when ``somewhere``; otherwise only
        a grant held everywhere counts (so a role in one unit never acts city-wide)."""
        for grant in self.grants:
            if grant.permission != permission:
                continue
            if grant.units is None or somewhere or (unit is not None and unit in grant.units):
                return True
        return False

    def units_with(self, permission: Permission | str) -> frozenset[str] | None:
        """The units where ``permission`` is held (None: everywhere), for list filters."""
        units: set[str] = set()
        for grant in self.grants:
            if grant.permission == permission:
                if grant.units is None:
                    return None
                units.update(grant.units)
        return frozenset(units)


def units_covered(unit_code: str, children: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """A unit and all units below it: a role held in a unit applies to its sub-units."""
    covered: set[str] = set()
    pending = [unit_code]
    while pending:
        code = pending.pop()
        if code not in covered:
            covered.add(code)
            pending.extend(children.get(code, ()))
    return frozenset(covered)


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and locked_until > now


def lock_after_failure(
    failures: int, now: datetime, *, max_failures: int, lock_for: timedelta
) -> datetime | None:
    """When the account unlocks after ``failures`` failures in a row, or None."""
    return now + lock_for if failures >= max_failures else None
