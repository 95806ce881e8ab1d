"""The standard roles every city starts with (administrators may change them later)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.identity.domain import Permission
from eoffice.identity.models import Role
from eoffice.identity.services.directory import ensure_role

P = Permission
STAFF = [P.USE_BACKOFFICE, P.VIEW_UNIT_STAFF, P.VIEW_FILES]
CITIZEN_ROLE = "citizen"
STANDARD_ROLES: list[tuple[str, dict[str, str], list[P]]] = [
    (CITIZEN_ROLE, {"es": "Ciudadanía", "ca": "Ciutadania", "en": "Citizen"},
     [P.ACT_AS_CITIZEN]),
    ("clerk", {"es": "Tramitador/a", "ca": "Tramitador/a", "en": "Clerk"},
     [*STAFF, P.PROCESS_FILES]),
    ("head", {"es": "Jefatura de servicio", "ca": "Cap de servei", "en": "Head of unit"},
     [*STAFF, P.PROCESS_FILES, P.SIGN_RESOLUTIONS]),
    ("registry_clerk", {"es": "Personal de registro", "ca": "Personal de registre",
                        "en": "Registry clerk"},
     [*STAFF, P.REGISTER_ENTRIES]),
    ("registry_exchange", {"es": "Intercambio registral (SIR)",
                           "ca": "Intercanvi registral (SIR)",
                           "en": "Registry exchange (SIR)"},
     [P.RECEIVE_ENTRIES]),
    ("archivist", {"es": "Archivero/a", "ca": "Arxiver/a", "en": "Archivist"},
     [*STAFF, P.MANAGE_ARCHIVE]),
    ("councillor", {"es": "Concejalía", "ca": "Regidoria", "en": "Councillor"},
     [*STAFF, P.SIGN_RESOLUTIONS]),
    ("secretary", {"es": "Secretaría general", "ca": "Secretaria general",
                   "en": "Secretary's office"},
     [*STAFF, P.PROCESS_FILES, P.SIGN_RESOLUTIONS, P.RUN_SESSIONS]),
    ("admin", {"es": "Administración", "ca": "Administració", "en": "Administrator"},
     [P.MANAGE_IDENTITY, P.MANAGE_CATALOGUE, P.MANAGE_PROCESSES, P.VIEW_AUDIT,
      P.RECONCILE_PAYMENTS, P.MANAGE_BODIES, P.MANAGE_TERRITORY]),
]


def seed_standard_roles(session: Session) -> int:
    """Create the standard roles that do not exist yet; never changes existing ones."""
    existing = set(session.scalars(select(Role.key)))
    created = 0
    for key, names, permissions in STANDARD_ROLES:
        if key not in existing:
            ensure_role(session, key=key, names=names, permissions=permissions)
            created += 1
    return created
