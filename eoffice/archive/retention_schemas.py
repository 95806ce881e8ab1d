"""HTTP shapes of the retention API: series, holds, date corrections, the calendar."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate

from eoffice.archive.domain import Confidentiality, DispositionAction, TriggerKind

ACTIONS = [action.value for action in DispositionAction]
TRIGGERS = [kind.value for kind in TriggerKind]
LEVELS = [level.value for level in Confidentiality]


class SeriesIn(Schema):
    """A series as an archivist gives it; the rule is checked by the service (422
    ``archive.invalid_series`` with one error per field)."""

    code = fields.String(required=True, validate=validate.Length(max=50))
    title = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                        metadata={"example": {"en": "Terrace licences", "es": "Licencias de "
                                              "terrazas", "ca": "Llicències de terrasses"}})
    procedure_code = fields.String(load_default=None, allow_none=True,
                                   validate=validate.Length(max=100))
    case_code = fields.String(load_default=None, allow_none=True,
                              validate=validate.Length(max=100))
    retention_years = fields.Integer(load_default=0, strict=True)
    retention_months = fields.Integer(load_default=0, strict=True)
    retention_days = fields.Integer(load_default=0, strict=True)
    trigger = fields.String(required=True, metadata={"enum": TRIGGERS})
    trigger_field = fields.String(load_default=None, allow_none=True,
                                  validate=validate.Length(max=100))
    action = fields.String(required=True, metadata={"enum": ACTIONS})
    sample_percent = fields.Integer(load_default=None, allow_none=True, strict=True)
    confidentiality = fields.String(load_default=Confidentiality.RESTRICTED.value,
                                    metadata={"enum": LEVELS})


class SeriesUpdateIn(SeriesIn):
    """The whole series again (its code is the one of the path)."""

    code = fields.String(load_default="", validate=validate.Length(max=50))


class SeriesOut(Schema):
    code = fields.String(required=True)
    title = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    procedure_code = fields.String(allow_none=True)
    case_code = fields.String(allow_none=True)
    retention_years = fields.Integer(required=True)
    retention_months = fields.Integer(required=True)
    retention_days = fields.Integer(required=True)
    trigger = fields.String(required=True, metadata={"enum": TRIGGERS})
    trigger_field = fields.String(allow_none=True)
    action = fields.String(required=True, metadata={"enum": ACTIONS})
    sample_percent = fields.Integer(allow_none=True)
    confidentiality = fields.String(required=True, metadata={"enum": LEVELS})


class SeriesListOut(Schema):
    items = fields.List(fields.Nested(SeriesOut), required=True)


class HoldReasonIn(Schema):
    """Why a hold is placed or lifted (422 ``archive.reason_required`` when empty)."""

    reason = fields.String(load_default="", validate=validate.Length(max=2000))


class HoldOut(Schema):
    id = fields.Integer(required=True)
    file_number = fields.String(required=True)
    reason = fields.String(required=True)
    placed_by = fields.String(required=True)
    placed_at = fields.AwareDateTime(required=True)
    lifted_by = fields.String(allow_none=True)
    lifted_at = fields.AwareDateTime(allow_none=True)
    lift_reason = fields.String(allow_none=True)


class MetadataIn(Schema):
    """Dates to change: ``resolution_date`` or any lower-case name (``judgment_date``),
    each an ISO date (``2026-03-01``) or null to remove it."""

    class Meta:
        unknown = INCLUDE


class RecordRetentionOut(Schema):
    file_number = fields.String(required=True)
    series_code = fields.String(required=True)
    resolution_date = fields.Date(allow_none=True)
    extra = fields.Dict(required=True)
    trigger_date = fields.Date(allow_none=True)
    retention_until = fields.Date(allow_none=True)
    action = fields.String(required=True, metadata={"enum": ACTIONS})
    confidentiality = fields.String(required=True, metadata={"enum": LEVELS})
    held = fields.Boolean(required=True)


class CalendarEntryOut(Schema):
    file_number = fields.String(required=True)
    subject = fields.String(required=True)
    unit_code = fields.String(required=True)
    series_code = fields.String(required=True)
    action = fields.String(required=True, metadata={"enum": ACTIONS})
    retention_until = fields.Date(required=True)
    status = fields.String(required=True)
    held = fields.Boolean(required=True)


class CalendarMonthOut(Schema):
    month = fields.String(required=True, metadata={"example": "2027-03"})
    items = fields.List(fields.Nested(CalendarEntryOut), required=True)


class CalendarOut(Schema):
    today = fields.Date(required=True)
    due = fields.List(fields.Nested(CalendarEntryOut), required=True)
    months = fields.List(fields.Nested(CalendarMonthOut), required=True)
