"""Administration API of fee rules: create, edit drafts, run examples, try inputs,
publish. Every call needs ``catalogue.manage``; every change is audited."""

from __future__ import annotations

import logging
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.fees import schemas
from eoffice.fees.examples import run_examples
from eoffice.fees.parsing import parse_schedule
from eoffice.fees.services import editing, publication, reading
from eoffice.fees.services.quoting import calculate
from eoffice.fees.services.store import get_rule, get_version
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import current_language
from eoffice.shared.problem_schemas import problem_responses

log = logging.getLogger(__name__)
blp = Blueprint("fees-admin", __name__, url_prefix="/api/v1/admin/fees",
                description="Fee rules (administrators)")


def _admin() -> Principal:
    return identity.require_permission(Permission.MANAGE_CATALOGUE)


@blp.before_request
def _only_administrators() -> None:
    _admin()


def _rule(key: str) -> reading.RuleInfo:
    with reader() as db:
        return reading.get_rule(db, key)


def _schedule_of(key: str, number: int) -> tuple[Any, list[Any]]:
    with reader() as db:
        version = get_version(db, get_rule(db, key), number)
        definition, examples = version.definition, list(version.examples)
    editing.check_content(definition, examples)
    schedule, _problems = parse_schedule(definition)
    return schedule, examples


@blp.route("")
class Rules(MethodView):
    @blp.response(200, schemas.FeeRuleListOut)
    @problem_responses(blp, 401, 403)
    def get(self) -> dict[str, Any]:
        """Every fee rule with its versions."""
        with reader() as db:
            items = reading.list_rules(db)
        return {"items": items, "total": len(items)}

    @blp.arguments(schemas.FeeRuleCreateIn)
    @blp.response(201, schemas.FeeRuleOut)
    @problem_responses(blp, 401, 403, 409, 422)
    def post(self, data: dict[str, Any]) -> reading.RuleInfo:
        """Create the fee rule of a published procedure case, with draft 1."""
        principal = _admin()
        with unit_of_work() as db:
            new = editing.NewRule(key=data["key"], procedure=data["procedure"],
                                  case=data["case"], title=data["title"],
                                  legal_reference=data["legal_reference"])
            editing.create_rule(db, new, definition=data["definition"],
                                examples=data["examples"], actor=principal.login)
        return _rule(data["key"])


@blp.route("/<key>")
class Rule(MethodView):
    @blp.response(200, schemas.FeeRuleOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, key: str) -> reading.RuleInfo:
        """One rule with every version."""
        return _rule(key)


@blp.route("/<key>/drafts")
class Drafts(MethodView):
    @blp.response(201, schemas.FeeRuleOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def post(self, key: str) -> reading.RuleInfo:
        """Start the next draft, a copy of the latest version."""
        principal = _admin()
        with unit_of_work() as db:
            editing.start_draft(db, key, actor=principal.login)
        return _rule(key)


@blp.route("/<key>/versions/<int(max=2147483647):number>")
class Version(MethodView):
    @blp.arguments(schemas.FeeDraftIn)
    @blp.response(200, schemas.FeeRuleOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def put(self, data: dict[str, Any], key: str, number: int) -> reading.RuleInfo:
        """Replace a draft's definition and examples (422 naming each problem)."""
        principal = _admin()
        with unit_of_work() as db:
            editing.save_draft(db, key, number, definition=data["definition"],
                               examples=data["examples"], actor=principal.login)
        return _rule(key)


@blp.route("/<key>/versions/<int(max=2147483647):number>/examples")
class Examples(MethodView):
    @blp.response(200, schemas.FeeExampleRunOut)
    @problem_responses(blp, 401, 403, 404, 422)
    def post(self, key: str, number: int) -> dict[str, Any]:
        """Run the version's examples: each with its expected and actual result."""
        schedule, examples = _schedule_of(key, number)
        results = run_examples(schedule, examples, current_language())
        return {"passed": all(r.passed for r in results), "results": results}


@blp.route("/<key>/versions/<int(max=2147483647):number>/try")
class Try(MethodView):
    @blp.arguments(schemas.FeeTryIn)
    @blp.response(200, schemas.FeeTryOut)
    @problem_responses(blp, 401, 403, 404, 422)
    def post(self, data: dict[str, Any], key: str, number: int) -> dict[str, Any]:
        """Apply the version (a draft too) to any answers: amount and explanation."""
        schedule, _examples = _schedule_of(key, number)
        outcome, lines = calculate(schedule, data["answers"], locale=current_language())
        return {"amount": outcome.amount, "currency": schedule.currency, "explanation": lines}


@blp.route("/<key>/versions/<int(max=2147483647):number>/publish")
class Publish(MethodView):
    @blp.arguments(schemas.FeePublishIn)
    @blp.response(200, schemas.FeeRuleOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], key: str, number: int) -> reading.RuleInfo:
        """Publish a draft in force from `valid_from` (optionally until `valid_until`).
        Refused when it reads fields the pinned form lacks, when an example fails
        (each failing example is named) or when it overlaps another version."""
        principal = _admin()
        with unit_of_work() as db:
            publication.publish(db, key, number, valid_from=data["valid_from"],
                                valid_until=data["valid_until"], actor=principal.login,
                                locale=current_language())
        return _rule(key)
