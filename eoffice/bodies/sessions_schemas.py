"""HTTP shapes of the collegiate bodies' API: proposals of agreement, sessions with their
agenda and attendance, and what the secretary's office sends to act on them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.bodies.domain import (
    CastingVote,
    ItemResult,
    MeetingKind,
    MeetingState,
    ProposalState,
)
from eoffice.shared.paging import PageArgs, envelope


def names() -> fields.Dict:
    """A name in the official languages: {"es", "ca", "en"}."""
    return fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class ProposalArgs(PageArgs):
    body = fields.String(load_default=None, validate=validate.Length(max=50))
    state = fields.String(load_default=None, validate=validate.OneOf(
        [state.value for state in ProposalState]))
    file_id = fields.String(load_default=None, validate=validate.Length(max=36))


class ProposalOut(Schema):
    """A proposal of agreement to a collegiate body."""

    id = fields.String(required=True)
    body_key = fields.String(required=True)
    body_name = names()
    file_id = fields.String(allow_none=True)
    file_number = fields.String(allow_none=True)
    procedure_code = fields.String(allow_none=True)
    unit_code = fields.String(required=True)
    title = fields.String(required=True)
    text = fields.String(required=True)
    document_id = fields.String(allow_none=True)
    state = fields.String(required=True, metadata={
        "enum": [state.value for state in ProposalState]})
    outcome_reason = fields.String(allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    created_by = fields.String(required=True)
    accepted_at = fields.AwareDateTime(allow_none=True)
    accepted_by = fields.String(allow_none=True)


class ProposalReturnIn(Schema):
    """Why the secretary's office returns a proposal (required)."""

    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class SessionArgs(PageArgs):
    body = fields.String(load_default=None, validate=validate.Length(max=50))
    state = fields.String(load_default=None, validate=validate.OneOf(
        [state.value for state in MeetingState]))


class AgendaItemOut(Schema):
    id = fields.Integer(required=True)
    position = fields.Integer(required=True)
    proposal_id = fields.String(required=True)
    title = fields.String(required=True)
    text = fields.String(required=True)
    file_id = fields.String(allow_none=True)
    file_number = fields.String(allow_none=True)
    unit_code = fields.String(required=True)
    votes_for = fields.Integer(allow_none=True)
    votes_against = fields.Integer(allow_none=True)
    abstentions = fields.Integer(allow_none=True)
    casting_vote = fields.String(allow_none=True, metadata={
        "enum": [side.value for side in CastingVote],
        "description": "The chair's casting vote that decided a tie."})
    voters_present = fields.Integer(allow_none=True, metadata={
        "description": "The voting members present when the item was voted."})
    result = fields.String(required=True, metadata={
        "enum": [result.value for result in ItemResult]})
    certificate_document_id = fields.String(allow_none=True)


class AttendanceOut(Schema):
    login = fields.String(required=True)
    role = fields.String(required=True)
    voting = fields.Boolean(required=True)
    present = fields.Boolean(required=True)
    convocation_id = fields.String(allow_none=True, metadata={
        "description": "The member's notification of the convocation."})


class SessionOut(Schema):
    """A session of a collegiate body; ``items`` and ``attendance`` in the detail."""

    id = fields.String(required=True)
    body_key = fields.String(required=True)
    body_name = names()
    kind = fields.String(required=True, metadata={
        "enum": [kind.value for kind in MeetingKind]})
    scheduled_at = fields.AwareDateTime(required=True)
    place = fields.String(required=True)
    state = fields.String(required=True, metadata={
        "enum": [state.value for state in MeetingState]})
    year = fields.Integer(allow_none=True)
    number = fields.Integer(allow_none=True)
    label = fields.String(required=True, metadata={"description": "3/2026 once convened"})
    convened_at = fields.AwareDateTime(allow_none=True)
    held_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    minutes_document_id = fields.String(allow_none=True)
    minutes_circuit_id = fields.String(allow_none=True)
    convocation_document_id = fields.String(allow_none=True)
    quorum_problem = fields.String(allow_none=True, metadata={
        "description": "Why the session cannot vote with its attendance, if it cannot"})
    items = fields.List(fields.Nested(AgendaItemOut))
    attendance = fields.List(fields.Nested(AttendanceOut))


class SessionPlanIn(Schema):
    """A session to plan."""

    body = fields.String(required=True, validate=validate.Length(min=1, max=50))
    kind = fields.String(load_default=MeetingKind.ORDINARY.value)
    scheduled_at = fields.AwareDateTime(required=True)
    place = fields.String(required=True, validate=validate.Length(max=200))


class AgendaItemIn(Schema):
    proposal = fields.String(required=True, validate=validate.Length(min=1, max=36))


class AttendanceIn(Schema):
    present = fields.List(fields.String(validate=validate.Length(max=100)), required=True,
                          validate=validate.Length(max=200))


class ItemVoteIn(Schema):
    votes_for = fields.Integer(required=True, strict=True)
    votes_against = fields.Integer(required=True, strict=True)
    abstentions = fields.Integer(required=True, strict=True)
    casting_vote = fields.String(load_default=None, validate=validate.OneOf(
        [side.value for side in CastingVote]), metadata={
        "description": "The chair's casting vote, needed when the vote is tied "
                       "(422 `bodies.casting_vote_needed` without it)."})


class ItemWithdrawalIn(Schema):
    reason = fields.String(load_default="", validate=validate.Length(max=2000))


ProposalPage = envelope(ProposalOut)
SessionPage = envelope(SessionOut)
