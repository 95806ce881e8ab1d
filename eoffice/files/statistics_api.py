"""``GET /api/v1/statistics/files``: the numbers of the statistics page of administrative
management as JSON (files by procedure and unit, open and closed, average days to
resolve, overdue), for a year and a unit, limited to the units the caller may count."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from eoffice import identity
from eoffice.files.services.statistics import FileStatistics, Tally, statistics_for
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("statistics-api", __name__, url_prefix="/api/v1/statistics",
                description="Statistics of administrative management (staff)")


class StatisticsArgs(Schema):
    year = fields.Integer(load_default=None, validate=validate.Range(min=2000, max=2200),
                          metadata={"description": "files opened in this year"})
    unit = fields.String(load_default=None, validate=validate.Length(min=1, max=50),
                         metadata={"description": "this unit and the units below it"})


class TallyOut(Schema):
    open = fields.Integer(required=True)
    closed = fields.Integer(required=True)
    total = fields.Integer(required=True)
    overdue = fields.Integer(required=True, metadata={
        "description": "open files with a deadline past its end"})
    average_days_to_resolve = fields.Float(allow_none=True, required=True, metadata={
        "description": "mean days from opening to closure of the closed files"})


class ProcedureTallyOut(TallyOut):
    procedure = fields.String(allow_none=True, required=True)


class UnitTallyOut(TallyOut):
    unit = fields.String(required=True)


class FileStatisticsOut(Schema):
    year = fields.Integer(allow_none=True, required=True)
    unit = fields.String(allow_none=True, required=True)
    today = fields.Date(required=True, metadata={"description": "the day overdue is counted"})
    totals = fields.Nested(TallyOut, required=True)
    by_procedure = fields.List(fields.Nested(ProcedureTallyOut), required=True)
    by_unit = fields.List(fields.Nested(UnitTallyOut), required=True)
    years = fields.List(fields.Integer(), required=True, metadata={
        "description": "years with files the caller may count, newest first"})


def _tally(tally: Tally, key: str | None = None) -> dict[str, Any]:
    body = {**asdict(tally), "total": tally.total}
    body.pop("key")
    if key:
        body[key] = tally.key
    return body


def statistics_body(found: FileStatistics) -> dict[str, Any]:
    return {"year": found.year, "unit": found.unit, "today": found.today,
            "totals": _tally(found.totals),
            "by_procedure": [_tally(t, "procedure") for t in found.by_procedure],
            "by_unit": [_tally(t, "unit") for t in found.by_unit],
            "years": list(found.years)}


@blp.route("/files")
class FileStatisticsView(MethodView):
    @blp.arguments(StatisticsArgs, location="query")
    @blp.response(200, FileStatisticsOut)
    @problem_responses(blp, 401, 403, 404, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Files by procedure and by responsible unit: open, closed, overdue and the
        average days to resolve, of the units where the caller processes files (all of
        them for whoever manages process models)."""
        principal = identity.require_principal()
        return statistics_body(statistics_for(principal, year=args["year"],
                                              unit=args["unit"]))
