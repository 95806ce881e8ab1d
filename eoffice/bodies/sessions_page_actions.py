"""The forms of a session's page (``POST /backoffice/bodies/sessions/<id>/…``): building
the agenda, convening, attendance, votes, withdrawing an item, closing (the minutes to
the tray). Each runs one service in one unit of work; a refusal shows the session's page
again with the error and its status, and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from eoffice.bodies.convocation import convene_meeting
from eoffice.bodies.errors import InvalidSessionData
from eoffice.bodies.meetings import add_to_agenda, move_agenda_item, remove_from_agenda
from eoffice.bodies.meetings_holding import record_attendance, record_vote, withdraw_item
from eoffice.bodies.minutes import draw_up_minutes
from eoffice.bodies.sessions_pages import reader_principal, render_session
from eoffice.shared.db import unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _
from eoffice.shared.numbers import whole_number

bp = Blueprint("bodies_session_actions", __name__,
               url_prefix="/backoffice/bodies/sessions")


def _act(meeting_id: str, action: Callable[[Session], object],
         done: str) -> ResponseReturnValue:
    def in_unit_of_work() -> None:
        with unit_of_work() as db:
            action(db)

    return _outcome(meeting_id, in_unit_of_work, done)


def _outcome(meeting_id: str, run: Callable[[], object], done: str) -> ResponseReturnValue:
    """Run ``run``: back to the session with ``done``, or its page with the refusal."""
    principal = reader_principal()
    try:
        run()
    except DomainError as exc:
        if exc.status == 404:
            raise
        return render_session(meeting_id, principal, error=exc)
    flash(done, "success")
    return redirect(url_for("bodies_sessions.session", meeting_id=meeting_id), code=303)


def _count(name: str) -> int:
    """A whole number from the form (InvalidSessionData when it is not one)."""
    count = whole_number(request.form.get(name), max_digits=4)
    if count is None:
        raise InvalidSessionData(errors=[FieldError(
            name, _("Write the number of votes (0 or more)."), "invalid")])
    return count


@bp.post("/<meeting_id>/agenda", endpoint="add_item")
def add_item(meeting_id: str) -> ResponseReturnValue:
    principal = reader_principal()
    proposal_id = request.form.get("proposal", "")[:36]
    return _act(meeting_id, lambda db: add_to_agenda(db, meeting_id, proposal_id,
                                                     principal=principal),
                _("Proposal added to the agenda."))


@bp.post("/<meeting_id>/items/<int:item_id>/remove", endpoint="remove_item")
def remove_item(meeting_id: str, item_id: int) -> ResponseReturnValue:
    principal = reader_principal()
    return _act(meeting_id, lambda db: remove_from_agenda(db, meeting_id, item_id,
                                                          principal=principal),
                _("Item taken off the agenda: its proposal waits again."))


@bp.post("/<meeting_id>/items/<int:item_id>/move", endpoint="move_item")
def move_item(meeting_id: str, item_id: int) -> ResponseReturnValue:
    principal = reader_principal()
    position = whole_number(request.form.get("to"), max_digits=3) or 1
    return _act(meeting_id, lambda db: move_agenda_item(db, meeting_id, item_id,
                                                        to=position, principal=principal),
                _("Agenda reordered."))


@bp.post("/<meeting_id>/convene", endpoint="convene")
def convene(meeting_id: str) -> ResponseReturnValue:
    principal = reader_principal()
    return _act(meeting_id, lambda db: convene_meeting(db, meeting_id, principal=principal),
                _("Session convened: the convocation is being notified to its members."))


@bp.post("/<meeting_id>/attendance", endpoint="attendance")
def attendance(meeting_id: str) -> ResponseReturnValue:
    principal = reader_principal()
    present = [login[:100] for login in request.form.getlist("present")][:200]
    return _act(meeting_id, lambda db: record_attendance(db, meeting_id, present=present,
                                                         principal=principal),
                _("Attendance recorded."))


@bp.post("/<meeting_id>/items/<int:item_id>/vote", endpoint="vote")
def vote(meeting_id: str, item_id: int) -> ResponseReturnValue:
    principal = reader_principal()

    def record(db: Session) -> object:
        return record_vote(db, meeting_id, item_id, votes_for=_count("votes_for"),
                           votes_against=_count("votes_against"),
                           abstentions=_count("abstentions"), principal=principal,
                           casting_vote=request.form.get("casting_vote") or None)

    return _act(meeting_id, record, _("Vote recorded."))


@bp.post("/<meeting_id>/items/<int:item_id>/withdraw", endpoint="withdraw")
def withdraw(meeting_id: str, item_id: int) -> ResponseReturnValue:
    principal = reader_principal()
    reason = request.form.get("reason", "")[:2000]
    return _act(meeting_id, lambda db: withdraw_item(db, meeting_id, item_id, reason=reason,
                                                     principal=principal),
                _("Item withdrawn: its proposal waits for a later session."))


@bp.post("/<meeting_id>/close", endpoint="close")
def close(meeting_id: str) -> ResponseReturnValue:
    principal = reader_principal()
    return _outcome(meeting_id, lambda: draw_up_minutes(meeting_id, principal=principal),
                    _("The minutes are in the signature tray of the secretary, then the "
                      "chair."))
