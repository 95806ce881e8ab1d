"""The retention API: the retention schedule's series (anyone who may use the archive
reads them, archivists create and change them), legal holds on archived files, date
corrections (``PATCH .../metadata``) and the retention calendar, trimmed to what the
caller may see. Files the caller may not see are 404; actions she may not take 403."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice.archive import retention_schemas as schemas
from eoffice.archive.models import Hold, Record
from eoffice.archive.services import holds, retention
from eoffice.archive.services.access import (
    get_record_for,
    require_archivist,
    require_staff,
    scope_for,
)
from eoffice.archive.services.series import (
    SeriesRule,
    create_series,
    get_series,
    list_series,
    update_series,
)
from eoffice.identity import require_principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.localtime import local_today
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("archive-retention-api", __name__, url_prefix="/api/v1/archive",
                description="Retention schedule, legal holds and the retention calendar")
RULE_NAMES = {field.name for field in fields(SeriesRule)}


def _rule(args: dict[str, Any]) -> SeriesRule:
    return SeriesRule(**{name: value for name, value in args.items() if name in RULE_NAMES})


def _series_out(code: str) -> dict[str, Any]:
    with reader() as db:
        return asdict(SeriesRule.of(get_series(db, code)))


@blp.route("/series")
class SeriesCollection(MethodView):
    @blp.response(200, schemas.SeriesListOut)
    @problem_responses(blp, 401, 403)
    def get(self) -> dict[str, Any]:
        """The retention schedule, by code."""
        require_staff(require_principal())
        with reader() as db:
            return {"items": [asdict(SeriesRule.of(s)) for s in list_series(db)]}

    @blp.arguments(schemas.SeriesIn)
    @blp.response(201, schemas.SeriesOut)
    @problem_responses(blp, 401, 403, 422)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Create a series (archivists): 422 ``archive.invalid_series`` with the field
        errors (negative period, a period for files kept permanently, a sample without
        1-99 %, a metadata trigger without its date, a duplicate code, a procedure and
        case another series covers)."""
        principal = require_staff(require_principal())
        require_archivist(principal)
        with unit_of_work() as db:
            code = create_series(db, _rule(args), principal=principal).code
        return _series_out(code)


@blp.route("/series/<code>")
class SeriesItem(MethodView):
    @blp.arguments(schemas.SeriesUpdateIn)
    @blp.response(200, schemas.SeriesOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def put(self, args: dict[str, Any], code: str) -> dict[str, Any]:
        """Replace a series' rule (its code stays). Its archived files are recomputed
        in the same transaction; 409 ``archive.disposal_list_closed`` when one would
        leave an open destruction list."""
        principal = require_staff(require_principal())
        require_archivist(principal)
        with unit_of_work() as db:
            update_series(db, code, _rule({**args, "code": code}), principal=principal)
        return _series_out(code)


def _hold_out(hold: Hold, number: str) -> dict[str, Any]:
    return {"id": hold.id, "file_number": number, "reason": hold.reason,
            "placed_by": hold.placed_by, "placed_at": hold.placed_at,
            "lifted_by": hold.lifted_by, "lifted_at": hold.lifted_at,
            "lift_reason": hold.lift_reason}


@blp.route("/records/<file_number:number>/holds")
class RecordHolds(MethodView):
    @blp.arguments(schemas.HoldReasonIn)
    @blp.response(201, schemas.HoldOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], number: str) -> dict[str, Any]:
        """Place a legal hold (archivists; 422 ``archive.reason_required``; 409
        ``archive.record_destroyed``)."""
        principal = require_staff(require_principal())
        with unit_of_work() as db:
            hold = holds.place_hold(db, number, args["reason"], principal)
            return _hold_out(hold, number)


@blp.route("/holds/<int:hold_id>/lift")
class HoldLift(MethodView):
    @blp.arguments(schemas.HoldReasonIn)
    @blp.response(200, schemas.HoldOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], hold_id: int) -> dict[str, Any]:
        """Lift a legal hold (archivists); 409 ``archive.hold_lifted`` the second time."""
        principal = require_staff(require_principal())
        with unit_of_work() as db:
            hold = holds.lift_hold(db, hold_id, args["reason"], principal)
            record = db.get(Record, hold.record_id)
            assert record is not None
            return _hold_out(hold, record.file_number)


def _retention_out(record: Record, held: bool) -> dict[str, Any]:
    return {"file_number": record.file_number, "series_code": record.series_code,
            "resolution_date": record.resolution_date, "extra": dict(record.extra or {}),
            "trigger_date": record.trigger_date, "retention_until": record.retention_until,
            "action": record.action, "confidentiality": record.confidentiality,
            "held": held}


@blp.route("/records/<file_number:number>/metadata")
class RecordMetadata(MethodView):
    @blp.arguments(schemas.MetadataIn)
    @blp.response(200, schemas.RecordRetentionOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def patch(self, args: dict[str, Any], number: str) -> dict[str, Any]:
        """Correct dates of an archived file (archivists): its trigger and retention
        dates are recomputed. 422 ``archive.invalid_metadata`` for a bad name or date;
        409 ``archive.disposal_list_closed`` when the file would leave an open
        destruction list (exclude it or cancel the list first)."""
        principal = require_staff(require_principal())
        with unit_of_work() as db:
            record = get_record_for(db, number, principal, for_update=True)
            require_archivist(principal)
            retention.update_metadata(db, record, dict(args), actor=principal.login)
            return _retention_out(record, holds.active_hold(db, record.id) is not None)


@blp.route("/calendar")
class Calendar(MethodView):
    @blp.response(200, schemas.CalendarOut)
    @problem_responses(blp, 401, 403)
    def get(self) -> dict[str, Any]:
        """Files whose retention has ended (``due``) or ends in each of the next 24
        months, with their action and whether a legal hold keeps them; staff see
        their units' non-confidential files only."""
        principal = require_staff(require_principal())
        with reader() as db:
            view = retention.retention_calendar(db, scope_for(principal),
                                                today=local_today())
        return {"today": view.today, "due": [asdict(entry) for entry in view.due],
                "months": [{"month": month.strftime("%Y-%m"),
                            "items": [asdict(entry) for entry in entries]}
                           for month, entries in view.months]}
