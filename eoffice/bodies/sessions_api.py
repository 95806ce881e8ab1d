# mypy: disallow-untyped-decorators=False
"""The collegiate bodies' API (``/api/v1/bodies/sessions``, ``/api/v1/bodies/proposals``):
staff read sessions and proposals (anyone else: 403 on lists, 404 on one); the
secretary's office (RUN_SESSIONS in the body's unit, else 403
``bodies.sessions_not_allowed``) accepts or returns proposals, plans sessions, builds
the agenda, convenes, records attendance and votes, and closes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.orm import Session

from eoffice.bodies import sessions_schemas as schemas
from eoffice.bodies.convocation import convene_meeting, convocation_document
from eoffice.bodies.errors import UnknownMeeting, UnknownProposal
from eoffice.bodies.meetings import add_to_agenda, plan_meeting
from eoffice.bodies.meetings_holding import (
    quorum_problem,
    record_attendance,
    record_vote,
    withdraw_item,
)
from eoffice.bodies.minutes import draw_up_minutes
from eoffice.bodies.proposals import accept_proposal, return_proposal
from eoffice.bodies.sessions_access import may_read_sessions
from eoffice.bodies.sessions_reading import Reading
from eoffice.bodies.sessions_views import (
    MeetingView,
    get_meeting,
    get_proposal,
    list_meetings,
    list_proposals,
)
from eoffice.identity import Permission, Principal, require_permission, require_principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.paging import page_of
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("bodies-sessions-api", __name__, url_prefix="/api/v1/bodies",
                description="Proposals of agreement and sessions of collegiate bodies")


def _staff(missing: type[Exception]) -> Principal:
    principal = require_principal()
    if not may_read_sessions(principal):
        raise missing()
    return principal


def session_out(session: Session, view: MeetingView, reading: Reading) -> dict[str, Any]:
    """The session as the API shows it to ``reading``'s principal."""
    view = reading.meeting(view)
    return {**view.__dict__, "label": view.label,
            "convocation_document_id": convocation_document(session, view.id),
            "quorum_problem": quorum_problem(view.attendance, view.quorum_percent)
            if view.state == "held" else None}


def _session(meeting_id: str) -> dict[str, Any]:
    principal = require_principal()
    with reader() as db:
        return session_out(db, get_meeting(db, meeting_id), Reading(db, principal))


def _act(meeting_id: str, action: Callable[[Session], object]) -> dict[str, Any]:
    with unit_of_work() as db:
        action(db)
    return _session(meeting_id)


@blp.route("/proposals")
class Proposals(MethodView):
    @blp.arguments(schemas.ProposalArgs, location="query")
    @blp.response(200, schemas.ProposalPage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Proposals of agreement, oldest first (``?body=``, ``?state=``, ``?file_id=``)."""
        principal = require_permission(Permission.USE_BACKOFFICE, somewhere=True)
        with reader() as db:
            found = Reading(db, principal).proposals(list_proposals(
                db, body_key=args["body"], states=(args["state"],) if args["state"] else None,
                file_id=args["file_id"]))
        return page_of([p.__dict__ for p in found], page=args["page"],
                       page_size=args["page_size"])


@blp.route("/proposals/<proposal_id>")
class ProposalDetail(MethodView):
    @blp.response(200, schemas.ProposalOut)
    @problem_responses(blp, 401, 404)
    def get(self, proposal_id: str) -> dict[str, Any]:
        """One proposal (404 unless its text is for the caller: the body's secretary's
        office and members, and those who read files in the proposal's unit)."""
        principal = _staff(UnknownProposal)
        with reader() as db:
            view = get_proposal(db, proposal_id[:36])
            if not Reading(db, principal).proposal(view):
                raise UnknownProposal()
            return view.__dict__


@blp.route("/proposals/<proposal_id>/accept")
class Acceptance(MethodView):
    @blp.response(200, schemas.ProposalOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def post(self, proposal_id: str) -> dict[str, Any]:
        """The secretary's office accepts a submitted proposal (409
        ``bodies.wrong_state`` otherwise): it waits for a session."""
        principal = _staff(UnknownProposal)
        with unit_of_work() as db:
            return accept_proposal(db, proposal_id[:36], principal=principal).__dict__


@blp.route("/proposals/<proposal_id>/return")
class Return(MethodView):
    @blp.arguments(schemas.ProposalReturnIn)
    @blp.response(200, schemas.ProposalOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], proposal_id: str) -> dict[str, Any]:
        """The secretary's office returns a proposal to its unit with a reason."""
        principal = _staff(UnknownProposal)
        with unit_of_work() as db:
            return return_proposal(db, proposal_id[:36], principal=principal,
                                   reason=args["reason"]).__dict__


@blp.route("/sessions")
class Sessions(MethodView):
    @blp.arguments(schemas.SessionArgs, location="query")
    @blp.response(200, schemas.SessionPage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Sessions, latest first (``?body=``, ``?state=``)."""
        principal = require_permission(Permission.USE_BACKOFFICE, somewhere=True)
        with reader() as db:
            reading = Reading(db, principal)
            found = [session_out(db, view, reading) for view in list_meetings(
                db, body_key=args["body"], state=args["state"])]
        return page_of(found, page=args["page"], page_size=args["page_size"])

    @blp.arguments(schemas.SessionPlanIn)
    @blp.response(201, schemas.SessionOut)
    @problem_responses(blp, 401, 403, 404, 422)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Plan a session of a collegiate body (404 ``bodies.unknown_body``)."""
        principal = _staff(UnknownMeeting)
        with unit_of_work() as db:
            view = plan_meeting(db, body_key=args["body"], kind=args["kind"],
                                scheduled_at=args["scheduled_at"], place=args["place"],
                                principal=principal)
        return _session(view.id)


@blp.route("/sessions/<meeting_id>")
class SessionDetail(MethodView):
    @blp.response(200, schemas.SessionOut)
    @problem_responses(blp, 401, 404)
    def get(self, meeting_id: str) -> dict[str, Any]:
        """One session with its agenda and attendance."""
        _staff(UnknownMeeting)
        return _session(meeting_id[:36])


@blp.route("/sessions/<meeting_id>/agenda")
class Agenda(MethodView):
    @blp.arguments(schemas.AgendaItemIn)
    @blp.response(200, schemas.SessionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], meeting_id: str) -> dict[str, Any]:
        """Put an accepted proposal of the body last on the planned session's agenda
        (422 ``bodies.invalid_agenda_item`` for any other)."""
        principal = _staff(UnknownMeeting)
        return _act(meeting_id[:36], lambda db: add_to_agenda(
            db, meeting_id[:36], args["proposal"], principal=principal))


@blp.route("/sessions/<meeting_id>/convocation")
class Convocation(MethodView):
    @blp.response(200, schemas.SessionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, meeting_id: str) -> dict[str, Any]:
        """Convene the session: numbered, agenda frozen, the convocation notified to its
        members by the worker (422 ``bodies.empty_agenda``)."""
        principal = _staff(UnknownMeeting)
        return _act(meeting_id[:36], lambda db: convene_meeting(
            db, meeting_id[:36], principal=principal))


@blp.route("/sessions/<meeting_id>/attendance")
class AttendanceRecord(MethodView):
    @blp.arguments(schemas.AttendanceIn)
    @blp.response(200, schemas.SessionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], meeting_id: str) -> dict[str, Any]:
        """Record the members present (logins); the others are absent."""
        principal = _staff(UnknownMeeting)
        return _act(meeting_id[:36], lambda db: record_attendance(
            db, meeting_id[:36], present=args["present"], principal=principal))


@blp.route("/sessions/<meeting_id>/items/<int:item_id>/vote")
class Vote(MethodView):
    @blp.arguments(schemas.ItemVoteIn)
    @blp.response(200, schemas.SessionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], meeting_id: str, item_id: int) -> dict[str, Any]:
        """Record the vote on an item (409 ``bodies.no_quorum``; 422
        ``bodies.votes_do_not_add_up`` when the counts are not the voting members
        present; 422 ``bodies.casting_vote_needed`` for a tie without the chair's
        casting vote)."""
        principal = _staff(UnknownMeeting)
        return _act(meeting_id[:36], lambda db: record_vote(
            db, meeting_id[:36], item_id, votes_for=args["votes_for"],
            votes_against=args["votes_against"], abstentions=args["abstentions"],
            casting_vote=args["casting_vote"], principal=principal))


@blp.route("/sessions/<meeting_id>/items/<int:item_id>/withdrawal")
class Withdrawal(MethodView):
    @blp.arguments(schemas.ItemWithdrawalIn)
    @blp.response(200, schemas.SessionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], meeting_id: str, item_id: int) -> dict[str, Any]:
        """Withdraw an item not voted: its proposal is carried over to a later session."""
        principal = _staff(UnknownMeeting)
        return _act(meeting_id[:36], lambda db: withdraw_item(
            db, meeting_id[:36], item_id, reason=args["reason"], principal=principal))


@blp.route("/sessions/<meeting_id>/minutes")
class Minutes(MethodView):
    @blp.response(200, schemas.SessionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, meeting_id: str) -> dict[str, Any]:
        """Draw up the minutes of the held session and send them to the tray (the
        secretary, then the chair)."""
        principal = _staff(UnknownMeeting)
        draw_up_minutes(meeting_id[:36], principal=principal)
        return _session(meeting_id[:36])
