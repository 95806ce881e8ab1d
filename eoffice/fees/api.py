"""Public API of the fees context: the calculator (no authentication)."""

from __future__ import annotations

import logging
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.fees import schemas
from eoffice.fees.services import quoting
from eoffice.identity.limits import limiter
from eoffice.shared.db import reader
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import current_language
from eoffice.shared.problem_schemas import problem_responses

log = logging.getLogger(__name__)
blp = Blueprint("fees-api", __name__, url_prefix="/api/v1/fees",
                description="Fees of procedures (public)")
PUBLIC: dict[str, Any] = {"security": [{}]}
QUOTE_RATE = "600 per minute"


@blp.route("/quote")
class QuoteView(MethodView):
    decorators = [limiter.limit(QUOTE_RATE)]

    @blp.arguments(schemas.FeeQuoteIn)
    @blp.response(200, schemas.FeeQuoteOut)
    @problem_responses(blp, 404, 422, 429)
    @blp.doc(**PUBLIC)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """The fee of a procedure case for the given answers, under the rule in force
        today, with an explanation in the request's language (`?lang=` or
        Accept-Language). 404 `fees.no_rule` when the case has no fee rule; 422
        `fees.missing_answers` or `fees.invalid_answers` naming the answers."""
        try:
            with reader() as db:
                found = quoting.quote(db, procedure=data["procedure"], case=data["case"],
                                      answers=data["answers"], locale=current_language())
        except DomainError as exc:  # logged without the answers (personal data)
            # %r: the procedure and case are as sent, line breaks and all
            log.info("fee quote refused: %s for %r/%r, fields %r", exc.code,
                     data["procedure"], data["case"], [e.field for e in exc.errors])
            raise
        return {"amount": found.amount, "currency": found.currency,
                "rule": {"key": found.rule_key, "version": found.rule_version,
                         "legal_reference": found.legal_reference},
                "valid_on": found.valid_on, "explanation": list(found.explanation)}
