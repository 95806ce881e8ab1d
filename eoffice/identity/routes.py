"""Pages of the identity context: sign in with a password or OIDC, and sign out."""

from __future__ import annotations

from datetime import timedelta
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
from werkzeug.wrappers import Response

from eoffice import audit
from eoffice.identity import oidc
from eoffice.identity.auth import current_principal, end_session, start_session
from eoffice.identity.domain import Permission, Principal
from eoffice.identity.errors import ExternalSignInFailed
from eoffice.identity.limits import limiter, sign_in_rate
from eoffice.identity.services.access import load_principal
from eoffice.identity.services.sign_in import (
    LockoutPolicy,
    sign_in_external,
    sign_in_with_password,
)
from eoffice.shared.db import unit_of_work
from eoffice.shared.i18n import _

bp = Blueprint("auth", __name__)


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


def _client() -> str:
    return request.remote_addr or "unknown"


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
    settings = current_app.config["EOFFICE_SETTINGS"]
    login = request.form.get("login", "").strip()[:100]
    password = request.form.get("password", "")[:1000]
    next_url = safe_next(request.form.get("next"))
    policy = LockoutPolicy(settings.sign_in_max_failures,
                           timedelta(minutes=settings.sign_in_lock_minutes))
    with unit_of_work() as db:
        outcome = sign_in_with_password(db, login, password, policy=policy, client=_client())
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
                object_id=principal.login, data={"client": _client()},
            )
        end_session(db)
    flash(_("You are signed out."), "success")
    return redirect(url_for("web.home"))


@bp.get("/sign-in/oidc")
def oidc_login() -> Response:
    response = oidc.start_sign_in(url_for("auth.oidc_callback", _external=True))
    session["oidc_next"] = safe_next(request.args.get("next"))
    return response


@bp.get("/sign-in/oidc/callback")
@limiter.limit(sign_in_rate)
def oidc_callback() -> Response:
    next_url = safe_next(session.pop("oidc_next", None))
    try:
        confirmed = oidc.finish_sign_in()  # talks to the provider: outside any transaction
    except ExternalSignInFailed:
        with unit_of_work() as db:
            audit.record_event(
                db, "identity.sign_in_failed", actor="anonymous", object_type="account",
                object_id="oidc", data={"reason": "provider_rejected", "method": "oidc",
                                        "client": _client()},
            )
        raise
    with unit_of_work() as db:
        outcome = sign_in_external(db, issuer=confirmed.issuer, claims=confirmed.claims,
                                   client=_client())
        principal = None
        if outcome.account is not None:
            principal = load_principal(db, outcome.account, authenticated_by="session")
            start_session(db, outcome.account)
    if outcome.error is not None or principal is None:
        raise outcome.error or ExternalSignInFailed()
    flash(_("You are signed in."), "success")
    return redirect(next_url or landing_page(principal))
