"""Back-office pages of the collegiate bodies' sessions (``/backoffice/bodies/sessions``):
the list of sessions, planning one, and a session's page (agenda, convocation,
attendance, votes, minutes and certificates). Staff read them; only the secretary's
office (RUN_SESSIONS in the body's unit) sees and uses the forms, and the server checks
every action (``sessions_page_actions``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.bodies.convocation import convocation_document
from eoffice.bodies.domain import BodyKind, MeetingKind, MeetingState, ProposalState
from eoffice.bodies.errors import InvalidSessionData
from eoffice.bodies.meetings import plan_meeting
from eoffice.bodies.meetings_holding import quorum_problem
from eoffice.bodies.models import Body
from eoffice.bodies.sessions_access import may_read_sessions, may_run_sessions
from eoffice.bodies.sessions_reading import Reading
from eoffice.bodies.sessions_texts import body_name, member_label
from eoffice.bodies.sessions_views import MeetingView, get_meeting, list_meetings, list_proposals
from eoffice.identity import Principal, require_principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, current_language
from eoffice.shared.localtime import city_timezone

bp = Blueprint("bodies_sessions", __name__, url_prefix="/backoffice/bodies/sessions",
               template_folder="templates")
STATES = tuple(state.value for state in MeetingState)


def reader_principal() -> Principal:
    """Staff; anyone else gets 404 (the pages do not exist for them)."""
    principal = require_principal()
    if not may_read_sessions(principal):
        abort(404)
    return principal


def collegiate_bodies(session: Session, principal: Principal | None = None,
                      ) -> list[tuple[str, str]]:
    """(key, name) of the active collegiate bodies (those ``principal`` runs, if given)."""
    rows = session.scalars(select(Body).where(Body.kind == BodyKind.COLLEGIATE,
                                              Body.active.is_(True)).order_by(Body.key))
    language = current_language()
    return [(body.key, body_name(body.name, language)) for body in rows
            if principal is None or may_run_sessions(principal, body.unit_code)]


@bp.get("", endpoint="sessions")
def sessions() -> ResponseReturnValue:
    """The sessions of every body, latest first (``?body=``, ``?state=``)."""
    principal = reader_principal()
    body, state = request.args.get("body", ""), request.args.get("state", "")
    state = state if state in STATES else ""
    with reader() as db:
        choices = collegiate_bodies(db)
        body = body if body in dict(choices) else ""
        items = list_meetings(db, body_key=body or None, state=state or None)
    return render_template("bodies/sessions/list.html", items=items, bodies=choices,
                           body=body, state=state, states=STATES,
                           may_plan=may_run_sessions(principal),
                           language=current_language())


def _moment(text: str) -> datetime | None:
    """A ``datetime-local`` value, in the city's time zone."""
    try:
        return datetime.fromisoformat(text).replace(tzinfo=city_timezone())
    except ValueError:
        return None


def _plan_form(principal: Principal, values: dict[str, str],
               error: DomainError | None = None) -> ResponseReturnValue:
    with reader() as db:
        choices = collegiate_bodies(db, principal)
    html = render_template("bodies/sessions/plan.html", bodies=choices, values=values,
                           kinds=[kind.value for kind in MeetingKind], error=error)
    return html, error.status if error else 200


@bp.route("/new", methods=["GET", "POST"], endpoint="plan")
def plan() -> ResponseReturnValue:
    """Plan a session (the secretary's office)."""
    principal = reader_principal()
    if not may_run_sessions(principal):
        abort(403)
    if request.method == "GET":
        return _plan_form(principal, {"kind": MeetingKind.ORDINARY.value})
    values = {name: request.form.get(name, "")[:200]
              for name in ("body", "kind", "scheduled_at", "place")}
    moment = _moment(values["scheduled_at"])
    try:
        if moment is None:
            raise InvalidSessionData(errors=[FieldError(
                "scheduled_at", _("Give the date and time of the session."), "invalid")])
        with unit_of_work() as db:
            meeting = plan_meeting(db, body_key=values["body"], kind=values["kind"],
                                   scheduled_at=moment, place=values["place"],
                                   principal=principal)
    except DomainError as exc:
        return _plan_form(principal, values, exc)
    flash(_("Session planned. Add the accepted proposals to its agenda."), "success")
    return redirect(url_for(".session", meeting_id=meeting.id), code=303)


def _documents(db: Session, view: MeetingView, principal: Principal) -> dict[str, Any]:
    """Verification codes of the session's documents (convocation, minutes,
    certificates by item id) that ``principal`` may read (a code opens the document),
    and the state of the minutes' circuit."""
    def code(document_id: str | None) -> str | None:
        if not document_id:
            return None
        document = documents.get_document(db, document_id)
        return document.verification_code if documents.may_read(db, principal, document) \
            else None

    circuit = (documents.get_circuit(db, view.minutes_circuit_id)
               if view.minutes_circuit_id else None)
    return {"convocation": code(convocation_document(db, view.id)),
            "minutes": code(view.minutes_document_id),
            "circuit": circuit,
            "certificates": {item.id: code(item.certificate_document_id)
                             for item in view.items if item.certificate_document_id}}


def render_session(meeting_id: str, principal: Principal, *,
                   error: DomainError | None = None) -> ResponseReturnValue:
    """The session's page (with ``error`` shown, and its status, after a refused
    action)."""
    language = current_language()
    with reader() as db:
        view = Reading(db, principal).meeting(get_meeting(db, meeting_id))
        runs = may_run_sessions(principal, view.unit_code)
        waiting = (list_proposals(db, body_key=view.body_key,
                                  states=(ProposalState.ACCEPTED.value,))
                   if runs and view.state == MeetingState.PLANNED else [])
        names = {a.login: member_label(db, a.login, a.role, language)
                 for a in view.attendance}
        docs = _documents(db, view, principal)
    html = render_template(
        "bodies/sessions/session.html", view=view, runs=runs, waiting=waiting,
        names=names, docs=docs, error=error, language=language,
        body=body_name(view.body_name, language),
        quorum=quorum_problem(view.attendance, view.quorum_percent),
        voted=any(item.result != "pending" for item in view.items))
    return html, error.status if error else 200


@bp.get("/<meeting_id>", endpoint="session")
def session_page(meeting_id: str) -> ResponseReturnValue:
    """One session."""
    return render_session(meeting_id[:36], reader_principal())
