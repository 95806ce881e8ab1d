"""Who may call a route, as data: the grants of the matrix and what each demo role holds.

A route's policy is a tuple of grants; a caller is allowed when one grant allows her.
A refused caller who could see such objects elsewhere (another citizen, a clerk of
another unit) must not learn that the object exists: she gets 404 (``HIDDEN``). Other
signed-in callers get 403 or 404 (``REFUSED``); anonymous callers are sent to sign in
(API 401, pages a redirect to ``/sign-in``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from eoffice.demo.city import PEOPLE, UNITS
from eoffice.identity.domain import Permission
from eoffice.identity.roles import STANDARD_ROLES

P = Permission


class Outcome(enum.StrEnum):
    ALLOWED = "allowed"  # 2xx or 3xx (not to the sign-in page)
    HIDDEN = "hidden"  # 404: the object does not exist for her
    REFUSED = "refused"  # 403 or 404
    SIGN_IN = "sign-in"  # API 401, page: redirect to /sign-in


@dataclass(frozen=True)
class Persona:
    """A demo account: its roles by unit (None: everywhere)."""

    login: str | None
    roles: tuple[tuple[str, str | None], ...] = ()

    @property
    def anonymous(self) -> bool:
        return self.login is None

    def units_of_role(self, role: str) -> set[str] | None:
        units: set[str] = set()
        for key, unit in self.roles:
            if key == role:
                if unit is None:
                    return None
                units |= covered(unit)
        return units

    def units_with(self, permission: P) -> set[str] | None:
        """Where she holds ``permission``: None everywhere, else a set (maybe empty)."""
        units: set[str] = set()
        for key, unit in self.roles:
            if permission in ROLE_PERMISSIONS[key]:
                if unit is None:
                    return None
                units |= covered(unit)
        return units

    def can(self, permission: P, unit: str | None = None) -> bool:
        units = self.units_with(permission)
        return units is None or (bool(units) if unit is None else unit in units)


ROLE_PERMISSIONS = {key: frozenset(permissions) for key, _, permissions in STANDARD_ROLES}
_CHILDREN: dict[str, list[str]] = {}
for _code, _parent, _ in UNITS:
    if _parent:
        _CHILDREN.setdefault(_parent, []).append(_code)


def covered(unit: str) -> set[str]:
    """A unit and the units below it (a role held in AJT applies to the whole city)."""
    found, pending = set(), [unit]
    while pending:
        code = pending.pop()
        found.add(code)
        pending.extend(_CHILDREN.get(code, ()))
    return found


_DEMO = {login: tuple(roles) for login, *_, roles in PEOPLE}
_DEMO["carla"] = (("citizen", None),)
_DEMO["sir"] = (("registry_exchange", "REG"),)
#: The roles tried on every route: citizen A (owner of the objects), citizen B, a third
#: citizen, clerks of the objects' unit and of another unit, heads, registry, archive,
#: secretary's office, administrator, and the registry exchange account.
LOGINS = ["ana", "bernat", "carla", "clerk", "clerk3", "head", "mayor", "registrar",
          "archivist", "admin", "secretary", "sir"]
PERSONAS = {"anonymous": Persona(None), **{login: Persona(login, _DEMO[login])
                                           for login in LOGINS}}
OWNER = "ana"
OBJECT_UNIT = "URB"


# --- grants ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Grant:
    """Allows some callers; ``hides`` callers for whom the object must not exist."""

    def allows(self, who: Persona) -> bool:
        raise NotImplementedError

    def hides(self, who: Persona) -> bool:
        return False


@dataclass(frozen=True)
class Public(Grant):
    def allows(self, who: Persona) -> bool:
        return True


@dataclass(frozen=True)
class SignedIn(Grant):
    def allows(self, who: Persona) -> bool:
        return not who.anonymous


@dataclass(frozen=True)
class Holds(Grant):
    """Holders of ``permission`` somewhere (``everywhere``: city-wide only)."""

    permission: P
    everywhere: bool = False

    def allows(self, who: Persona) -> bool:
        units = who.units_with(self.permission)
        return units is None or (not self.everywhere and bool(units))


@dataclass(frozen=True)
class Own(Grant):
    """Citizen A's own object: other citizens must not see that it exists."""

    def allows(self, who: Persona) -> bool:
        return who.login == OWNER

    def hides(self, who: Persona) -> bool:
        return who.can(P.ACT_AS_CITIZEN)


@dataclass(frozen=True)
class InUnit(Grant):
    """An object of URB: holders of ``permission`` there (or above, or city-wide); for
    holders elsewhere it does not exist (unless the object is public anyway)."""

    permission: P
    hide: bool = True

    def allows(self, who: Persona) -> bool:
        return who.can(self.permission, OBJECT_UNIT)

    def hides(self, who: Persona) -> bool:
        return self.hide and who.can(self.permission)


@dataclass(frozen=True)
class RoleIn(Grant):
    """Holders of ``role`` in URB (a task's lane); PROCESS_FILES elsewhere: hidden."""

    role: str

    def allows(self, who: Persona) -> bool:
        units = who.units_of_role(self.role)
        return units is None or OBJECT_UNIT in units

    def hides(self, who: Persona) -> bool:
        return who.can(P.PROCESS_FILES) and not who.can(P.PROCESS_FILES, OBJECT_UNIT)


@dataclass(frozen=True)
class HasRole(Grant):
    """Holders of ``role`` anywhere."""

    role: str

    def allows(self, who: Persona) -> bool:
        return any(key == self.role for key, _ in who.roles)


Policy = tuple[Grant, ...]
PUBLIC: Policy = (Public(),)
SIGNED_IN: Policy = (SignedIn(),)
CITIZEN: Policy = (Holds(P.ACT_AS_CITIZEN),)
OWN: Policy = (Own(),)
STAFF: Policy = (Holds(P.USE_BACKOFFICE),)


def holds(*permissions: P) -> Policy:
    return tuple(Holds(p) for p in permissions)


def everywhere(permission: P) -> Policy:
    return (Holds(permission, everywhere=True),)


def expected(policy: Policy, who: Persona) -> Outcome:
    if any(grant.allows(who) for grant in policy):
        return Outcome.ALLOWED
    if who.anonymous:
        return Outcome.SIGN_IN
    if any(grant.hides(who) for grant in policy):
        return Outcome.HIDDEN
    return Outcome.REFUSED
