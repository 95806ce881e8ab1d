"""The archive's integrity API, for archivists: fixity runs (newest first), one run
with its problems, and asking for a run now (the worker runs it: 202)."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.archive import integrity_schemas as schemas
from eoffice.archive.services import fixity
from eoffice.archive.services.access import require_archivist
from eoffice.identity import Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("archive-integrity-api", __name__, url_prefix="/api/v1/archive",
                description="Archive: integrity (fixity) checks")


def archivist() -> Principal:
    principal = identity.require_principal()
    require_archivist(principal)
    return principal


@blp.route("/fixity-runs")
class FixityRuns(MethodView):
    @blp.response(200, schemas.FixityRunListOut)
    @problem_responses(blp, 401, 403)
    def get(self) -> dict[str, Any]:
        """The latest fixity runs, newest first (archivists)."""
        archivist()
        with reader() as db:
            return {"items": [dataclasses.asdict(run) for run in fixity.list_runs(db)]}

    @blp.response(202, schemas.FixityRequestedOut)
    @problem_responses(blp, 401, 403)
    def post(self) -> dict[str, Any]:
        """Ask for a fixity check of the whole archive now; the worker runs it and it
        appears in the list (archivists)."""
        principal = archivist()
        with unit_of_work() as db:
            fixity.request_fixity(db, principal)
        return {"requested": True,
                "message": _("The integrity check was requested; the worker runs it.")}


@blp.route("/fixity-runs/<int:run_id>")
class FixityRun(MethodView):
    @blp.response(200, schemas.FixityRunDetailOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, run_id: int) -> dict[str, Any]:
        """One fixity run with every problem it found (404 ``archive.unknown_fixity_run``)."""
        archivist()
        with reader() as db:
            run, problems = fixity.get_run(db, run_id)
        return {**dataclasses.asdict(run),
                "problem_list": [dataclasses.asdict(problem) for problem in problems]}
