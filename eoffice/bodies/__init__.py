"""Bodies context: governing bodies (single-person and collegiate), their members,
delegations of competence and the competent body per procedure; the book of
resolutions; proposals of agreement, sessions with agenda, attendance and votes,
minutes and certificates of agreements.

Other contexts call only what is listed here.
"""

from eoffice.bodies.domain import (
    BodyKind,
    ItemResult,
    MeetingState,
    MemberRole,
    ProposalState,
    ResolutionState,
)
from eoffice.bodies.errors import InvalidBodyData, NoCompetence, UnknownBody

# --- bodies, delegations, book of resolutions (helper B1 adds its imports here) ---

# --- collegiate bodies: proposals, sessions (helper B2 adds its imports here) ---

__all__ = [  # kept sorted
    "BodyKind",
    "InvalidBodyData",
    "ItemResult",
    "MeetingState",
    "MemberRole",
    "NoCompetence",
    "ProposalState",
    "ResolutionState",
    "UnknownBody",
]
