"""Pure rules of representation: what a power covers, its state at a moment, how long it
may last, and how "X acting for Y" reads. No session, no Flask."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from eoffice.shared.i18n import _

MAX_YEARS = 5
EVIDENCE_DUE_TOPIC = "representation.evidence_due"
POWER_GRANTED = "representation.power_granted"
POWER_REVOKED = "representation.power_revoked"


class PowerScope(enum.StrEnum):
    ALL = "all"
    PROCEDURES = "procedures"
    FILE = "file"


class Basis(enum.StrEnum):
    GRANTED = "granted"  # granted by the grantor (online or apud acta at the office)
    LEGAL_REPRESENTATIVE = "legal_representative"  # a company's, from the companies register


class PowerChannel(enum.StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"


class PowerState(enum.StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


class EventKind(enum.StrEnum):
    GRANTED = "granted"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Coverage:
    """What a power covers (its scope, the procedure codes, the file)."""

    scope: PowerScope
    procedures: tuple[str, ...] = ()
    file_number: str | None = None

    def covers(self, *, procedure: str | None, file_number: str | None) -> bool:
        """Whether this power covers acting in ``procedure`` / ``file_number``. "all"
        covers everything; a procedures power covers what belongs to one of its codes; a
        file power only that file. Asked about nothing in particular, only "all" covers."""
        if self.scope == PowerScope.ALL:
            return True
        if self.scope == PowerScope.PROCEDURES:
            return procedure is not None and procedure in self.procedures
        return file_number is not None and file_number == self.file_number


def state_at(*, valid_from: datetime, valid_until: datetime | None,
             revoked_at: datetime | None, at: datetime) -> PowerState:
    """The state of a power at ``at`` (a revocation after ``at`` does not count yet)."""
    if revoked_at is not None and revoked_at <= at:
        return PowerState.REVOKED
    if at < valid_from:
        return PowerState.NOT_YET_VALID
    if valid_until is not None and at >= valid_until:
        return PowerState.EXPIRED
    return PowerState.VALID


def latest_end(valid_from: datetime) -> datetime:
    """The latest end of a granted power: five years after it starts (29 February → 28)."""
    try:
        return valid_from.replace(year=valid_from.year + MAX_YEARS)
    except ValueError:
        return valid_from.replace(year=valid_from.year + MAX_YEARS, day=28)


def kind_of_id(id_type: str) -> str:
    """"legal" for a company's tax id (CIF), "natural" for a person's documents."""
    return "legal" if id_type == "cif" else "natural"


def guess_id_type(number: str) -> str:
    """The Spanish id type a number looks like: NIE (X/Y/Z…), CIF (other letter first),
    NIF (digits first)."""
    first = number.strip()[:1].upper()
    if first in ("X", "Y", "Z"):
        return "nie"
    if first.isalpha():
        return "cif"
    return "nif"


def acting_label(principal_name: str, grantor_name: str) -> str:
    """How the audit log and pages say who acted for whom: "X acting for Y"."""
    return str(_("%(principal)s acting for %(grantor)s", principal=principal_name,
                 grantor=grantor_name))
