"""The register of powers' API: my powers (granted and held), granting one, revoking one,
and the check other systems and staff ask before letting someone act for another."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.identity import Permission
from eoffice.representation import schemas
from eoffice.representation.domain import PowerChannel
from eoffice.representation.evidence import issue_now
from eoffice.representation.services import checks, granting, views
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import Forbidden
from eoffice.shared.i18n import current_language
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("representation-api", __name__, url_prefix="/api/v1/powers",
                description="The register of powers of representation")


@blp.route("")
class Powers(MethodView):
    @blp.response(200, schemas.MyPowersOut)
    @problem_responses(blp, 401)
    def get(self) -> dict[str, Any]:
        """Powers I granted (and my companies through me) and powers I hold."""
        principal = identity.require_principal()
        with reader() as db:
            companies = [c.grantor_id_number
                         for c in views.companies_represented_by(db, principal.id_number)]
            mine = [principal.id_number] if principal.id_number else []
            return {"granted": views.powers_granted_by(db, mine + companies),
                    "held": views.powers_held_by(db, principal.id_number)}

    @blp.arguments(schemas.PowerIn)
    @blp.response(201, schemas.PowerOut)
    @problem_responses(blp, 401, 403, 422)
    def post(self, args: dict[str, Any]) -> views.PowerView:
        """Grant a power (mine, or my company's as its legal representative), or record
        one granted in person (registry clerks, ``channel: in_person``). Its sealed
        evidence follows at once (or from the worker)."""
        principal = identity.require_principal()
        channel = PowerChannel(args.pop("channel"))
        args["procedures"] = tuple(args["procedures"])
        with unit_of_work() as db:
            power = granting.grant_power(db, granting.NewPower(**args), principal=principal,
                                         channel=channel)
        issue_now(power.id, language=current_language())
        with reader() as db:
            return views.get_power(db, power.id, principal)


@blp.route("/<power_id>")
class PowerDetail(MethodView):
    @blp.response(200, schemas.PowerOut)
    @problem_responses(blp, 401, 404)
    def get(self, power_id: str) -> views.PowerView:
        """One power, for its grantor, representative, the grantor's legal representative
        or a registry clerk (404 for anyone else)."""
        principal = identity.require_principal()
        with reader() as db:
            return views.get_power(db, power_id, principal)


@blp.route("/<power_id>/revocation")
class Revocation(MethodView):
    @blp.arguments(schemas.RevocationIn)
    @blp.response(200, schemas.PowerOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], power_id: str) -> views.PowerView:
        """Revoke a power with a reason (the grantor, her company's legal representative,
        or a registry clerk)."""
        principal = identity.require_principal()
        with unit_of_work() as db:
            power = granting.revoke_power(db, power_id, reason=args["reason"],
                                          principal=principal)
        issue_now(power.id, language=current_language())
        with reader() as db:
            return views.get_power(db, power.id, principal)


@blp.route("/check")
class Check(MethodView):
    @blp.arguments(schemas.CheckArgs, location="query")
    @blp.response(200, schemas.PowerOut)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> views.PowerView:
        """The valid power of ``representative`` from ``grantor`` covering ``procedure``
        and/or ``file`` now; 403 with ``representation.no_power``, ``outside_scope``,
        ``power_not_yet_valid``, ``power_expired`` or ``power_revoked`` otherwise (staff
        with ``files.view`` or ``registry.register``)."""
        principal = identity.require_principal()
        if not (principal.can(Permission.VIEW_FILES, somewhere=True)
                or principal.can(Permission.REGISTER_ENTRIES, somewhere=True)):
            raise Forbidden()
        with reader() as db:
            return checks.check_power(db, representative=args["representative"],
                                      grantor=args["grantor"], procedure=args["procedure"],
                                      file_number=args["file"])
