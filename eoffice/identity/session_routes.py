"""The page where a person signed in with a cookie sees her live sessions (browser,
address, when it started, last activity) and signs out one of them or all the others
(ADR 0054). Another person's session, or one already ended, answers 404; ending another
session needs a recent authentication (ASVS V7.5.2), as signing does (ADR 0051)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from eoffice.identity.auth import (
    client_address,
    end_session,
    require_cookie_principal,
    require_recent_authentication,
    session_limits,
    session_token,
)
from eoffice.identity.services.session_control import (
    end_other_web_sessions,
    end_own_web_session,
    get_own_web_session,
    list_live_web_sessions,
)
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _, ngettext

bp = Blueprint("account_sessions", __name__, url_prefix="/account")


@bp.get("/sessions")
def sessions_page() -> str:
    principal = require_cookie_principal()
    limits = session_limits()
    with reader() as db:
        sessions = list_live_web_sessions(db, principal.account_id, limits=limits,
                                          current_token=session_token())
    return render_template("account/sessions.html", sessions=sessions,
                           idle_minutes=int(limits.idle.total_seconds() // 60),
                           absolute_hours=int(limits.absolute.total_seconds() // 3600))


@bp.post("/sessions/<int:session_id>/end")
def end_one_session(session_id: int) -> Response:
    principal = require_cookie_principal()
    with unit_of_work() as db:
        own = get_own_web_session(db, principal.account_id, session_id,
                                  current_token=session_token())
        if not own.this_browser:  # signing this browser out needs no proof
            require_recent_authentication(principal, return_to=url_for(".sessions_page"))
        ended = end_own_web_session(db, principal.account_id, own, actor=principal.login,
                                    via="web", client=client_address())
        if ended.this_browser:
            end_session(db)  # this browser: forget the cookie as signing out does
    if ended.this_browser:
        flash(_("You are signed out."), "success")
        return redirect(url_for("web.home"))
    flash(_("That session is signed out."), "success")
    return redirect(url_for(".sessions_page"))


@bp.post("/sessions/end-others")
def end_other_sessions() -> Response:
    principal = require_cookie_principal()
    require_recent_authentication(principal, return_to=url_for(".sessions_page"))
    with unit_of_work() as db:
        ended = end_other_web_sessions(db, principal.account_id, current_token=session_token(),
                                       actor=principal.login, via="web", client=client_address())
    if ended.count:
        flash(ngettext("%(num)d other session is signed out.",
                       "%(num)d other sessions are signed out.", ended.count), "success")
    else:
        flash(_("You had no other sessions."), "success")
    return redirect(url_for(".sessions_page"))
