"""Authentication at the web edge: who the caller is, CSRF, and permission guards.

Each request is resolved once: a ``Bearer`` token for API clients, else the
signed session cookie of a person. Unsafe requests authenticated by cookie
must carry a CSRF token (form field or ``X-CSRFToken`` header).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from flask import Flask, Response, current_app, g, redirect, request, session, url_for
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity.domain import Permission, Principal
from eoffice.identity.errors import ReauthenticationRequired
from eoffice.identity.models import Account
from eoffice.identity.services.access import load_principal
from eoffice.identity.services.tokens import account_for_token
from eoffice.identity.services.web_sessions import (
    SessionLimits,
    end_web_session,
    extend_web_session,
    find_live_web_session,
    open_web_session,
)
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import Forbidden, Unauthenticated
from eoffice.shared.i18n import _
from eoffice.shared.web import error_response, wants_problem_json

csrf = CSRFProtect()
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})  # TRACE is no safe method here: 405


def current_principal() -> Principal | None:
    """The caller of this request, or None for an anonymous visitor."""
    principal: Principal | None = g.get("principal")
    return principal


def require_principal() -> Principal:
    principal = current_principal()
    if principal is None:
        raise Unauthenticated()
    return principal


def require_cookie_principal() -> Principal:
    """The person signed in with a cookie (an API token has no browser session: 403)."""
    principal = require_principal()
    if principal.authenticated_by != "session":
        raise Forbidden()
    return principal


def client_address() -> str:
    """The address the request came from, as audit records and sessions keep it."""
    return request.remote_addr or "unknown"


def require_permission(
    permission: Permission, *, unit: str | None = None, somewhere: bool = False
) -> Principal:
    """The caller, if they hold ``permission`` (see :meth:`Principal.can`); else 401/403."""
    principal = require_principal()
    if not principal.can(permission, unit=unit, somewhere=somewhere):
        raise Forbidden()
    return principal


def require_recent_authentication(principal: Principal, *, return_to: str) -> None:
    """Go on only if ``principal`` proved who she is in this browser within the last
    ``EOFFICE_REAUTHENTICATION_MINUTES`` (an API token never counts); else raise
    :class:`ReauthenticationRequired`, which sends a browser to confirm and come back
    to ``return_to`` (a path on this site)."""
    minutes = current_app.config["EOFFICE_SETTINGS"].reauthentication_minutes
    at = principal.authenticated_at
    if principal.authenticated_by == "session" and at is not None and (
            utcnow() - at <= timedelta(minutes=minutes)):
        return
    raise ReauthenticationRequired(return_to=return_to)


def session_limits() -> SessionLimits:
    settings = current_app.config["EOFFICE_SETTINGS"]
    return SessionLimits(absolute=timedelta(hours=settings.session_hours),
                         idle=timedelta(minutes=settings.session_idle_minutes))


def start_session(db: Session, account: Account) -> None:
    """Open a server-side session for ``account`` in a fresh cookie (no fixation): the
    session this browser held before, if any, ends."""
    previous = session.get("sid")
    if isinstance(previous, str):
        end_web_session(db, previous)
    token = open_web_session(
        db, account, limits=session_limits(), client=client_address(),
        user_agent=request.headers.get("User-Agent"),
    )
    _forget_cookie()
    session.permanent = True
    session["sid"] = token


def session_token() -> str | None:
    """The token of the server-side session this request is signed in with; None for
    an API token caller or a browser without one."""
    token = session.get("sid")
    return token if isinstance(token, str) and _bearer_secret() is None else None


def end_session(db: Session) -> None:
    """End the server-side session of this browser and forget it in the cookie."""
    token = session.get("sid")
    if isinstance(token, str):
        end_web_session(db, token)
    _forget_cookie()


def _forget_cookie() -> None:
    locale = session.get("lang")
    session.clear()
    if locale:
        session["lang"] = locale


def _bearer_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


def _resolve_principal() -> None:
    g.principal = None
    if request.endpoint == "static":
        return
    secret = _bearer_secret()
    if secret is not None:
        with reader() as db:
            account = account_for_token(db, secret)
            if account is None:
                raise Unauthenticated(_("The API token is unknown, expired or revoked."))
            g.principal = load_principal(db, account, authenticated_by="token")
        return
    token = session.get("sid")
    if not isinstance(token, str):
        return
    with reader() as db:
        live = find_live_web_session(db, token)
        if live is None:
            _forget_cookie()
            return
        principal = load_principal(db, live.account, authenticated_by="session")
    g.principal = replace(principal, authenticated_at=live.authenticated_at)
    later = live.next_expiry(session_limits(), utcnow())
    if later is not None:  # activity within the idle period keeps the session alive
        with unit_of_work() as db:
            extend_web_session(db, token, until=later)


def _protect_from_csrf() -> None:
    if request.method in SAFE_METHODS or _bearer_secret() is not None:
        return
    if request.path.startswith("/api/") and "sid" not in session:
        return  # an anonymous API call: no signed-in session a forged request could use
    csrf.protect()


def _unauthenticated(error: Unauthenticated) -> Response:
    if wants_problem_json():
        return error_response(error)
    return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))  # type: ignore[return-value]


def _reauthenticate(error: ReauthenticationRequired) -> Response:
    if wants_problem_json():
        return error_response(error)
    return redirect(url_for("auth.reauthenticate", next=error.return_to))  # type: ignore[return-value]


def _forbidden(error: Forbidden) -> Response:
    """Refusals are audited: a security officer sees who tried what, and where."""
    principal = current_principal()
    with unit_of_work() as db:
        audit.record_event(
            db, "identity.access_denied", actor=principal.login if principal else "anonymous",
            object_type="route", object_id=request.path[:200],
            data={"method": request.method, "endpoint": request.endpoint or ""},
        )
    return error_response(error)


def init_auth(app: Flask) -> None:
    """Wire CSRF, principal resolution and the sign-in redirect into ``app``."""
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    csrf.init_app(app)
    app.before_request(_protect_from_csrf)
    app.before_request(_resolve_principal)
    app.register_error_handler(Unauthenticated, _unauthenticated)
    app.register_error_handler(Forbidden, _forbidden)
    app.register_error_handler(ReauthenticationRequired, _reauthenticate)
