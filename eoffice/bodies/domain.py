"""Pure rules of the governing bodies: kinds, roles and states, when a membership or a
delegation is in force, and whether a vote adds up."""

from __future__ import annotations

import enum
from datetime import date


class BodyKind(enum.StrEnum):
    SINGLE = "single"  # órgano unipersonal: resolves by decree
    COLLEGIATE = "collegiate"  # órgano colegiado: adopts agreements in sessions


class MemberRole(enum.StrEnum):
    HOLDER = "holder"  # of a single-person body
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"


class ResolutionState(enum.StrEnum):
    PENDING = "pending"  # in the signature tray
    SIGNED = "signed"  # numbered in the book
    REJECTED = "rejected"  # rejected in the tray: no number


class ProposalState(enum.StrEnum):
    SUBMITTED = "submitted"  # waiting for the secretary's office
    ACCEPTED = "accepted"  # waiting for a session
    RETURNED = "returned"  # sent back to the unit with a reason
    ON_AGENDA = "on_agenda"
    ADOPTED = "adopted"
    NOT_ADOPTED = "not_adopted"
    WITHDRAWN = "withdrawn"  # left on the table: may go to a later session


class MeetingKind(enum.StrEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"


class MeetingState(enum.StrEnum):
    PLANNED = "planned"  # agenda being built
    CONVENED = "convened"  # members notified, agenda frozen
    HELD = "held"  # attendance and votes recorded
    MINUTES_SIGNING = "minutes_signing"  # minutes in the tray
    CLOSED = "closed"  # minutes signed, certificates issued


class ItemResult(enum.StrEnum):
    PENDING = "pending"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


def in_force(valid_from: date, valid_to: date | None, on: date,
             revoked: bool = False) -> bool:
    """Whether a membership or delegation holds on day ``on`` (both ends included)."""
    return not revoked and valid_from <= on and (valid_to is None or on <= valid_to)


class CastingVote(enum.StrEnum):
    """How the chair breaks a tie (Law 40/2015 art. 19.2.d; ROF art. 100.2)."""

    FOR = "for"
    AGAINST = "against"


class TieWithoutCastingVote(ValueError):
    """A tied vote needs the chair's casting vote."""


def vote_result(votes_for: int, votes_against: int, abstentions: int,
                present_voters: int, casting_vote: str | None = None) -> ItemResult:
    """The result of a vote by simple majority, a tie decided by the chair's casting vote
    (``for`` or ``against``; ignored when there is no tie). ValueError when the counts are
    negative or do not add up to the voting members present; TieWithoutCastingVote for a
    tie without a casting vote."""
    counts = (votes_for, votes_against, abstentions)
    if any(count < 0 for count in counts) or sum(counts) != present_voters:
        raise ValueError("the votes do not add up to the voting members present")
    if votes_for != votes_against or votes_for == 0:  # nobody voted either way: no tie
        return ItemResult.ADOPTED if votes_for > votes_against else ItemResult.REJECTED
    if casting_vote not in {side.value for side in CastingVote}:
        raise TieWithoutCastingVote("a tie is decided by the chair's casting vote")
    return ItemResult.ADOPTED if casting_vote == CastingVote.FOR else ItemResult.REJECTED


DEFAULT_QUORUM_PERCENT = 50  # Law 40/2015 art. 17.2: half of the members, at least


def quorum_reached(present_voters: int, voters: int, quorum_percent: int | None) -> bool:
    """Whether ``present_voters`` of the body's ``voters`` reach its quorum (a percentage
    of the voting members, half when the body sets none); never with nobody present."""
    percent = DEFAULT_QUORUM_PERCENT if quorum_percent is None else quorum_percent
    return present_voters > 0 and present_voters * 100 >= voters * percent
