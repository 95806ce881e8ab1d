"""Representation context: the register of powers. A grantor (a person, or a company
through its legal representative) authorises a representative for all procedures, a list
of procedures or one file, for a period; powers can be revoked; each grant and revocation
has a sealed evidence document. Other contexts ask :func:`check_power` wherever acting for
someone else matters (submitting on behalf, reading the grantor's files and
notifications).

Other contexts call only what is listed here.
"""

from eoffice.representation.domain import (
    POWER_GRANTED,
    POWER_REVOKED,
    Basis,
    PowerChannel,
    PowerScope,
    PowerState,
    acting_label,
)
from eoffice.representation.errors import (
    AlreadyRevoked,
    InvalidPower,
    NoPower,
    NotGrantor,
    OutsideScope,
    PowerExpired,
    PowerNotYetValid,
    PowerRevoked,
    ReasonRequired,
    RepresentationRefused,
    UnknownPower,
)
from eoffice.representation.evidence import seal_latest_evidence
from eoffice.representation.services.checks import check_power, grantors_of
from eoffice.representation.services.granting import (
    NewPower,
    grant_power,
    register_legal_representative,
    revoke_power,
)
from eoffice.representation.services.views import (
    PowerView,
    get_power,
    powers_granted_by,
    powers_held_by,
)

__all__ = [
    "POWER_GRANTED",
    "POWER_REVOKED",
    "AlreadyRevoked",
    "Basis",
    "InvalidPower",
    "NewPower",
    "NoPower",
    "NotGrantor",
    "OutsideScope",
    "PowerChannel",
    "PowerExpired",
    "PowerNotYetValid",
    "PowerRevoked",
    "PowerScope",
    "PowerState",
    "PowerView",
    "ReasonRequired",
    "RepresentationRefused",
    "UnknownPower",
    "acting_label",
    "check_power",
    "get_power",
    "grant_power",
    "grantors_of",
    "powers_granted_by",
    "powers_held_by",
    "register_legal_representative",
    "revoke_power",
    "seal_latest_evidence",
]
