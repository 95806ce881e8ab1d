"""Who may publish, withdraw and correct edicts: staff holding ``files.process`` in the
publishing unit (or above it). Reading the board needs no one."""

from __future__ import annotations

from eoffice import identity
from eoffice.identity import Permission, Principal
from eoffice.notifications.edicts.errors import EdictNotYourUnit


def staff_publisher() -> Principal:
    """The caller, if she processes files somewhere (else 401/403)."""
    return identity.require_permission(Permission.PROCESS_FILES, somewhere=True)


def publisher_for(unit_code: str) -> Principal:
    """The caller, if she processes files in ``unit_code``; else 401, or 403
    ``notifications.edict_not_your_unit``."""
    principal = staff_publisher()
    if not principal.can(Permission.PROCESS_FILES, unit=unit_code):
        raise EdictNotYourUnit()
    return principal


def publishing_units(principal: Principal) -> frozenset[str] | None:
    """The units ``principal`` may publish for (None: every unit)."""
    return principal.units_with(Permission.PROCESS_FILES)
