"""Administration API of identity: the roles a person holds, and where, and ending all
of someone's web sessions (audited)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.identity import schemas
from eoffice.identity.auth import client_address, require_permission
from eoffice.identity.domain import Permission
from eoffice.identity.services import directory, session_control
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.paging import PageArgs, page_of

blp = Blueprint(
    "identity-admin", __name__, url_prefix="/api/v1", description="Roles of people in units"
)


def _grants(rows: list[tuple[str, str | None]]) -> list[dict[str, str | None]]:
    return [{"role": role, "unit": unit} for role, unit in rows]


@blp.route("/accounts/<login>/roles")
class AccountRoles(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.RoleGrantPage)
    def get(self, args: dict[str, int], login: str) -> dict[str, Any]:
        """Roles the account holds, with their units (administrators only)."""
        require_permission(Permission.MANAGE_IDENTITY)
        with reader() as db:
            account = directory.get_account(db, login)
            return page_of(_grants(directory.list_memberships(db, account)), **args)

    @blp.arguments(schemas.RoleGrantIn)
    @blp.response(201, schemas.RoleGrantOut)
    def post(self, data: dict[str, Any], login: str) -> dict[str, Any]:
        """Give the account a role in a unit (and its sub-units), or everywhere."""
        principal = require_permission(Permission.MANAGE_IDENTITY)
        with unit_of_work() as db:
            account = directory.get_account(db, login)
            directory.assign_role(
                db, account, data["role"], unit_code=data["unit"], actor=principal.login
            )
        return {"role": data["role"], "unit": data["unit"]}


@blp.route("/accounts/<login>/roles/<role>")
class AccountRole(MethodView):
    @blp.arguments(schemas.UnitArgs, location="query")
    @blp.response(204)
    def delete(self, args: dict[str, Any], login: str, role: str) -> None:
        """Take a role from the account (``?unit=CODE`` for a role held in a unit)."""
        principal = require_permission(Permission.MANAGE_IDENTITY)
        with unit_of_work() as db:
            account = directory.get_account(db, login)
            directory.revoke_role(db, account, role, unit_code=args["unit"],
                                  actor=principal.login)


@blp.route("/admin/accounts/<login>/sessions")
class AccountSessions(MethodView):
    @blp.response(204)
    def delete(self, login: str) -> None:
        """Sign out every web session of the account at once (its API tokens stay; revoke
        them apart). Audited with the administrator as actor (ADR 0054)."""
        principal = require_permission(Permission.MANAGE_IDENTITY)
        with unit_of_work() as db:
            account = directory.get_account(db, login)
            session_control.end_account_web_sessions(
                db, account, actor=principal.login, via="api",
                client=client_address())
