"""Back-office page of the proposals waiting for a session
(``/backoffice/bodies/proposals``): submitted ones for the secretary's office to accept
or return with a reason, accepted ones waiting for an agenda. Staff read it; the forms
are the secretary's office's and the server checks each action."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from eoffice.bodies.domain import ProposalState
from eoffice.bodies.proposals import accept_proposal, return_proposal
from eoffice.bodies.sessions_access import may_run_sessions
from eoffice.bodies.sessions_pages import collegiate_bodies, reader_principal
from eoffice.bodies.sessions_reading import Reading
from eoffice.bodies.sessions_views import list_proposals
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _, current_language

bp = Blueprint("bodies_proposals", __name__, url_prefix="/backoffice/bodies/proposals",
               template_folder="templates")
WAITING = (ProposalState.SUBMITTED.value, ProposalState.ACCEPTED.value)


def _page(body: str, *, error: DomainError | None = None) -> ResponseReturnValue:
    principal = reader_principal()
    with reader() as db:
        choices = collegiate_bodies(db)
        body = body if body in dict(choices) else ""
        items = Reading(db, principal).proposals(
            list_proposals(db, body_key=body or None, states=WAITING))
    runs = {p.id: may_run_sessions(principal, p.body_unit) for p in items}
    html = render_template("bodies/sessions/proposals.html", items=items, bodies=choices,
                           body=body, runs=runs, error=error, language=current_language())
    return html, error.status if error else 200


@bp.get("", endpoint="proposals")
def proposals() -> ResponseReturnValue:
    """The proposals waiting for the secretary's office or for a session (``?body=``)."""
    return _page(request.args.get("body", ""))


def _act(action: Callable[[Session], object], done: str) -> ResponseReturnValue:
    reader_principal()
    try:
        with unit_of_work() as db:
            action(db)
    except DomainError as exc:
        if exc.status == 404:
            raise
        return _page("", error=exc)
    flash(done, "success")
    return redirect(url_for(".proposals"), code=303)


@bp.post("/<proposal_id>/accept", endpoint="accept")
def accept(proposal_id: str) -> ResponseReturnValue:
    principal = reader_principal()
    return _act(lambda db: accept_proposal(db, proposal_id[:36], principal=principal),
                _("Proposal accepted: it waits for a session's agenda."))


@bp.post("/<proposal_id>/return", endpoint="return_")
def return_(proposal_id: str) -> ResponseReturnValue:
    principal = reader_principal()
    reason = request.form.get("reason", "")[:2000]
    return _act(lambda db: return_proposal(db, proposal_id[:36], principal=principal,
                                           reason=reason),
                _("Proposal returned to its unit."))
