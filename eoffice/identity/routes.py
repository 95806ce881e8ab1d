"""Pages of the identity context: sign in with a password or OIDC, and sign out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from eoffice import audit
from eoffice.identity import oidc
from eoffice.identity.auth import (
    client_address,
    current_principal,
    end_session,
    require_principal,
    start_session,
)
from eoffice.identity.domain import Permission, Principal
from eoffice.identity.errors import ExternalSignInFailed
from eoffice.identity.limits import limiter, sign_in_rate
from eoffice.identity.services.access import load_principal
from eoffice.identity.services.sign_in import (
    LockoutPolicy,
    SignInOutcome,
    confirm_external,
    sign_in_external,
    sign_in_with_password,
)
from eoffice.shared.clock import utcnow
from eoffice.shared.db import unit_of_work
from eoffice.shared.errors import Forbidden
from eoffice.shared.i18n import _

bp = Blueprint("auth", __name__)
MAX_PASSWORD_LENGTH = 1000
NEVER_MATCHES = "\x00"  # no password holds a NUL (the input guard refuses it in forms)


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site (no open redirect), else None."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def landing_page(principal: Principal) -> str:
    """Where a person goes after signing in, by what they may do."""
    if principal.can(Permission.USE_BACKOFFICE, somewhere=True):
        return url_for("web.backoffice")
    if principal.can(Permission.MANAGE_IDENTITY):
        return url_for("web.admin_area")
    return url_for("web.citizen_area")


def typed_password(field: str = "password") -> str:
    """The password of form ``field`` exactly as typed; a longer one than any password
    kept here is replaced by one that never matches (never cut: ASVS V6.2.8)."""
    typed = request.form.get(field, "")
    return typed if len(typed) <= MAX_PASSWORD_LENGTH else NEVER_MATCHES


def _lockout_policy() -> LockoutPolicy:
    return LockoutPolicy.of(current_app.config["EOFFICE_SETTINGS"])


@bp.get("/sign-in")
def sign_in() -> str | Response:
    if current_principal() is not None:
        return redirect(url_for("web.home"))
    return render_template(
        "auth/sign_in.html", form_error=None, login="", oidc_enabled=oidc.enabled(),
        next_url=safe_next(request.args.get("next")) or "",
    )


@bp.post("/sign-in")
@limiter.limit(sign_in_rate, methods=["POST"])
def sign_in_submit() -> tuple[str, int] | Response:
    login = request.form.get("login", "").strip()[:100]
    password = typed_password()
    next_url = safe_next(request.form.get("next"))
    policy = _lockout_policy()
    with unit_of_work() as db:
        outcome = sign_in_with_password(db, login, password, policy=policy,
                                        client=client_address())
        principal = None
        if outcome.account is not None:
            principal = load_principal(db, outcome.account, authenticated_by="session")
            start_session(db, outcome.account)
    if outcome.error is not None or principal is None:
        message = str(outcome.error.title) if outcome.error else _("Sign-in failed.")
        status = outcome.error.status if outcome.error else 401
        page = render_template(
            "auth/sign_in.html", form_error=message, login=login,
            oidc_enabled=oidc.enabled(), next_url=next_url or "",
        )
        return page, status
    flash(_("You are signed in."), "success")
    return redirect(next_url or landing_page(principal))


@bp.post("/sign-out")
def sign_out() -> Response:
    principal = current_principal()
    with unit_of_work() as db:
        if principal is not None:
            audit.record_event(
                db, "identity.signed_out", actor=principal.login, object_type="account",
                object_id=principal.login, data={"client": client_address()},
            )
        end_session(db)
    flash(_("You are signed out."), "success")
    return redirect(url_for("web.home"))


def _session_principal() -> Principal:
    """The person signed in with a cookie (an API token cannot re-authenticate)."""
    principal = require_principal()
    if principal.authenticated_by != "session":
        raise Forbidden()
    return principal


def _reauthentication_page(principal: Principal, next_url: str, error: str | None = None,
                           ) -> str:
    return render_template(
        "auth/reauthenticate.html", form_error=error, login=principal.login,
        oidc_enabled=oidc.enabled(), next_url=next_url,
    )


@bp.get("/reauthenticate")
def reauthenticate() -> str:
    """Confirm who you are (password or digital identity) before signing a document."""
    principal = _session_principal()
    return _reauthentication_page(
        principal, safe_next(request.args.get("next")) or landing_page(principal))


@bp.post("/reauthenticate")
@limiter.limit(sign_in_rate, methods=["POST"])
def reauthenticate_submit() -> tuple[str, int] | Response:
    principal = _session_principal()
    next_url = safe_next(request.form.get("next")) or landing_page(principal)
    password = typed_password()
    with unit_of_work() as db:
        outcome = sign_in_with_password(db, principal.login, password,
                                        policy=_lockout_policy(), client=client_address(),
                                        reauthentication=True)
        if outcome.account is not None:
            start_session(db, outcome.account)  # a fresh session: authenticated now
    if outcome.account is None:
        message = str(outcome.error.title) if outcome.error else _("Sign-in failed.")
        status = outcome.error.status if outcome.error else 401
        return _reauthentication_page(principal, next_url, message), status
    return redirect(next_url)


@bp.get("/reauthenticate/oidc")
def reauthenticate_oidc() -> Response:
    """Ask the provider to authenticate the person again (``prompt=login``)."""
    principal = _session_principal()
    response = oidc.start_sign_in(url_for("auth.oidc_callback", _external=True),
                                  prompt="login", max_age="0")
    session["oidc_next"] = safe_next(request.args.get("next"))
    session["oidc_reauthenticate"] = {"login": principal.login,
                                      "since": int(utcnow().timestamp())}
    return response


@bp.get("/sign-in/oidc")
def oidc_login() -> Response:
    response = oidc.start_sign_in(url_for("auth.oidc_callback", _external=True))
    session["oidc_next"] = safe_next(request.args.get("next"))
    session.pop("oidc_reauthenticate", None)  # a plain sign-in, not a confirmation
    return response


@bp.get("/sign-in/oidc/callback")
@limiter.limit(sign_in_rate)
def oidc_callback() -> Response:
    next_url = safe_next(session.pop("oidc_next", None))
    reauthenticating = session.pop("oidc_reauthenticate", None)
    try:
        confirmed = oidc.finish_sign_in()  # talks to the provider: outside any transaction
    except ExternalSignInFailed:
        with unit_of_work() as db:
            audit.record_event(
                db, "identity.sign_in_failed", actor="anonymous", object_type="account",
                object_id="oidc", data={"reason": "provider_rejected", "method": "oidc",
                                        "client": client_address()},
            )
        raise
    with unit_of_work() as db:
        if isinstance(reauthenticating, dict):
            outcome = _confirm_again(db, confirmed, reauthenticating)
        else:
            outcome = sign_in_external(db, issuer=confirmed.issuer,
                                       claims=confirmed.claims, client=client_address())
        principal = None
        if outcome.account is not None:
            principal = load_principal(db, outcome.account, authenticated_by="session")
            start_session(db, outcome.account)
    if outcome.error is not None or principal is None:
        raise outcome.error or ExternalSignInFailed()
    flash(_("You are signed in."), "success")
    return redirect(next_url or landing_page(principal))


def _confirm_again(db: Session, confirmed: oidc.ConfirmedIdentity,
                   asked: dict[str, Any]) -> SignInOutcome:
    """The provider's answer to a re-authentication: the same person, authenticated
    after eoffice asked; anything else is refused (and audited)."""
    since = datetime.fromtimestamp(int(asked.get("since") or 0), tz=UTC)
    return confirm_external(db, issuer=confirmed.issuer, claims=confirmed.claims,
                            login=str(asked.get("login") or ""), since=since,
                            client=client_address())
