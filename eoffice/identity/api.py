"""API of the identity context: who am I, my password, my API tokens, my web sessions,
units and their staff."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.identity import schemas
from eoffice.identity.auth import (
    client_address,
    require_permission,
    require_principal,
    require_recent_authentication,
    session_limits,
    session_token,
    start_session,
)
from eoffice.identity.domain import Permission
from eoffice.identity.limits import limiter, sign_in_rate
from eoffice.identity.models import Account
from eoffice.identity.services import access, password_change, session_control, tokens
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import current_language
from eoffice.shared.paging import PageArgs, page_of

blp = Blueprint("identity", __name__, url_prefix="/api/v1", description="Who is calling")


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, schemas.MeOut)
    def get(self) -> dict[str, Any]:
        """The caller: login, name, roles and units."""
        principal = require_principal()
        return {
            "login": principal.login,
            "name": principal.name,
            "roles": sorted(principal.roles),
            "units": list(principal.units),
        }


@blp.route("/me/password")
class MyPassword(MethodView):
    decorators = [limiter.limit(sign_in_rate, methods=["POST"])]

    @blp.arguments(schemas.PasswordChangeIn)
    @blp.response(204)
    def post(self, data: dict[str, str]) -> None:
        """Change my password (the current one is checked like a sign-in); every web
        session of mine ends (a cookie caller's gets a new id), my API tokens stay."""
        principal = require_principal()
        rules = password_change.PasswordRules.of(current_app.config["EOFFICE_SETTINGS"])
        with unit_of_work() as db:
            outcome = password_change.change_password(
                db, principal.account_id, current_password=data["current_password"],
                new_password=data["new_password"], rules=rules,
                client=client_address(), via="api")
            if outcome.account is not None and principal.authenticated_by == "session":
                start_session(db, outcome.account)
        if outcome.error is not None:
            raise outcome.error


@blp.route("/me/tokens")
class MyTokens(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.TokenPage)
    def get(self, args: dict[str, int]) -> dict[str, Any]:
        """My API tokens (their secrets are never shown again)."""
        principal = require_principal()
        with reader() as db:
            return page_of(tokens.list_tokens(db, principal.account_id), **args)

    @blp.arguments(schemas.TokenIn)
    @blp.response(201, schemas.IssuedTokenOut)
    def post(self, data: dict[str, str]) -> dict[str, Any]:
        """Issue a new API token for myself; its secret is in this answer only."""
        principal = require_principal()
        days = current_app.config["EOFFICE_SETTINGS"].token_days
        with unit_of_work() as db:
            account = db.get_one(Account, principal.account_id)
            issued = tokens.issue_token(
                db, account, name=data["name"], valid_for=timedelta(days=days),
                actor=principal.login,
            )
            token = issued.token
            return {
                "public_id": token.public_id, "name": token.name, "token": issued.secret,
                "created_at": token.created_at, "expires_at": token.expires_at,
                "revoked_at": None,
            }


@blp.route("/me/tokens/<token_id>")
class MyToken(MethodView):
    @blp.response(204)
    def delete(self, token_id: str) -> None:
        """Revoke one of my API tokens; later calls with it get 401."""
        principal = require_principal()
        with unit_of_work() as db:
            tokens.revoke_token(db, token_id, actor=principal.login, owner_id=principal.account_id)


@blp.route("/me/sessions")
class MySessions(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.WebSessionPage)
    def get(self, args: dict[str, int]) -> dict[str, Any]:
        """My live web sessions (signed-in browsers), the calling one first and marked."""
        principal = require_principal()
        with reader() as db:
            sessions = session_control.list_live_web_sessions(
                db, principal.account_id, limits=session_limits(),
                current_token=session_token())
        return page_of(sessions, **args)


@blp.route("/me/sessions/<int:session_id>")
class MySession(MethodView):
    @blp.response(204)
    def delete(self, session_id: int) -> None:
        """Sign out one of my web sessions (its browser's next request is anonymous);
        404 ``identity.unknown_web_session`` for one that is not mine or has ended. Ending
        another session than the calling one needs a cookie session authenticated within
        ``EOFFICE_REAUTHENTICATION_MINUTES`` (an API token never counts): else 401
        ``identity.reauthentication_required`` (ASVS V7.5.2, ADR 0054)."""
        principal = require_principal()
        token = session_token()
        with unit_of_work() as db:
            own = session_control.get_own_web_session(db, principal.account_id, session_id,
                                                      current_token=token)
            if not own.this_browser:
                require_recent_authentication(principal, return_to="/account/sessions")
            session_control.end_own_web_session(
                db, principal.account_id, own, actor=principal.login, via="api",
                client=client_address())


@blp.route("/units")
class Units(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.UnitPage)
    def get(self, args: dict[str, int]) -> dict[str, Any]:
        """The city's administrative units (staff only)."""
        require_permission(Permission.USE_BACKOFFICE, somewhere=True)
        with reader() as db:
            return page_of(access.list_units(db, codes=None, locale=current_language()), **args)


@blp.route("/units/<code>/staff")
class UnitStaff(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.StaffPage)
    def get(self, args: dict[str, int], code: str) -> dict[str, Any]:
        """Staff of a unit: only for those who work in it (or above it)."""
        require_permission(Permission.VIEW_UNIT_STAFF, unit=code)
        with reader() as db:
            return page_of(access.list_unit_staff(db, code, locale=current_language()), **args)
