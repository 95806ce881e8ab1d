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
# isort: split
from eoffice.bodies.capacity import resolving_signer
from eoffice.bodies.competences import competent_body, remove_competence, set_competence
from eoffice.bodies.delegations import (
    DelegationView,
    NewDelegation,
    create_delegation,
    list_delegations,
    revoke_delegation,
)
from eoffice.bodies.directory import (
    BodyData,
    BodyView,
    create_body,
    list_body_views,
    update_body,
)
from eoffice.bodies.errors import UnknownDelegation, UnknownResolution
from eoffice.bodies.members import (
    MemberView,
    NewMember,
    add_member,
    end_membership,
    members_of,
)
from eoffice.bodies.resolutions import (
    ResolutionView,
    bind_circuit,
    find_resolution_by_document,
    register_resolution,
)

# --- collegiate bodies: proposals, sessions (helper B2 adds its imports here) ---
# isort: split
from eoffice.bodies.convocation import convene_meeting
from eoffice.bodies.domain import MeetingKind
from eoffice.bodies.errors import (
    CastingVoteNeeded,
    EmptyAgenda,
    InvalidAgendaItem,
    InvalidSessionData,
    NoQuorum,
    SessionsNotAllowed,
    UnknownMeeting,
    UnknownProposal,
    VotesDoNotAddUp,
    WrongSessionState,
)
from eoffice.bodies.meetings import (
    add_to_agenda,
    move_agenda_item,
    plan_meeting,
    remove_from_agenda,
)
from eoffice.bodies.meetings_holding import record_attendance, record_vote, withdraw_item
from eoffice.bodies.minutes import (
    MINUTES_SIGNED_TOPIC,
    close_meeting,
    draw_up_minutes,
    prepare_minutes,
)
from eoffice.bodies.proposals import (
    AGREEMENT_DECIDED_TOPIC,
    accept_proposal,
    propose_agreement,
    return_proposal,
)
from eoffice.bodies.sessions_views import (
    AgendaItemView,
    AttendanceView,
    MeetingView,
    ProposalView,
    get_meeting,
    get_proposal,
    list_meetings,
    list_proposals,
)

__all__ = [  # kept sorted
    "AGREEMENT_DECIDED_TOPIC",
    "MINUTES_SIGNED_TOPIC",
    "AgendaItemView",
    "AttendanceView",
    "BodyData",
    "BodyKind",
    "BodyView",
    "CastingVoteNeeded",
    "DelegationView",
    "EmptyAgenda",
    "InvalidAgendaItem",
    "InvalidBodyData",
    "InvalidSessionData",
    "ItemResult",
    "MeetingKind",
    "MeetingState",
    "MeetingView",
    "MemberRole",
    "MemberView",
    "NewDelegation",
    "NewMember",
    "NoCompetence",
    "NoQuorum",
    "ProposalState",
    "ProposalView",
    "ResolutionState",
    "ResolutionView",
    "SessionsNotAllowed",
    "UnknownBody",
    "UnknownDelegation",
    "UnknownMeeting",
    "UnknownProposal",
    "UnknownResolution",
    "VotesDoNotAddUp",
    "WrongSessionState",
    "accept_proposal",
    "add_member",
    "add_to_agenda",
    "bind_circuit",
    "close_meeting",
    "competent_body",
    "convene_meeting",
    "create_body",
    "create_delegation",
    "draw_up_minutes",
    "end_membership",
    "find_resolution_by_document",
    "get_meeting",
    "get_proposal",
    "list_body_views",
    "list_delegations",
    "list_meetings",
    "list_proposals",
    "members_of",
    "move_agenda_item",
    "plan_meeting",
    "prepare_minutes",
    "propose_agreement",
    "record_attendance",
    "record_vote",
    "register_resolution",
    "remove_competence",
    "remove_from_agenda",
    "resolving_signer",
    "return_proposal",
    "revoke_delegation",
    "set_competence",
    "update_body",
    "withdraw_item",
]
