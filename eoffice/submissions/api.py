"""The submissions API for citizens (and, later, clerks on their behalf): start a draft,
give answers (validated against the pinned form), read state and history. Another
citizen's submission is 404."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.identity import Permission
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.problem_schemas import problem_responses
from eoffice.submissions import schemas
from eoffice.submissions.services import access, drafts
from eoffice.submissions.views import SubmissionView

blp = Blueprint("submissions-api", __name__, url_prefix="/api/v1",
                description="Citizens' applications (the presentation engine)")


def _locale() -> str:
    return str(get_locale() or "es")


def _out(db: Any, row: Any, validation: dict[str, Any] | None = None) -> dict[str, Any]:
    view = SubmissionView.of(row, _locale(), steps=access.list_steps(db, row),
                             signatures=access.list_signatures(db, row))
    out: dict[str, Any] = {**view.__dict__, "status": view.status.value,
                           "form": {"key": view.form_key, "version": view.form_version}}
    if validation is not None:
        out["validation"] = validation
    return out


@blp.route("/submissions")
class Submissions(MethodView):
    @blp.arguments(schemas.SubmissionIn)
    @blp.response(201, schemas.SubmissionOut)
    @problem_responses(blp, 401, 403, 404, 422)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Start a draft for a procedure case as published now (pins its versions)."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        with unit_of_work() as db:
            row = drafts.start_submission(db, principal, procedure=args["procedure"],
                                          case=args["case"])
            return _out(db, row)


@blp.route("/submissions/<submission_id>")
class SubmissionDetail(MethodView):
    @blp.response(200, schemas.SubmissionOut)
    @problem_responses(blp, 401, 404)
    def get(self, submission_id: str) -> dict[str, Any]:
        """A submission's state, answers and history of steps."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        with reader() as db:
            return _out(db, access.get_own_submission(db, submission_id, principal))

    @blp.arguments(schemas.SubmissionAnswersIn)
    @blp.response(200, schemas.SubmissionOut)
    @problem_responses(blp, 401, 404, 409, 422)
    def patch(self, args: dict[str, Any], submission_id: str) -> dict[str, Any]:
        """Replace the answers and validate them against the pinned form: valid answers
        make the submission ``validated``; otherwise it stays a draft with the errors."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        with unit_of_work() as db:
            row = access.get_own_submission(db, submission_id, principal, for_update=True)
            result = drafts.check_answers(db, row, args["answers"], principal=principal,
                                          locale=_locale())
            validation = {"valid": result.valid,
                          "errors": [error.as_dict() for error in result.errors]}
            return _out(db, row, validation)
