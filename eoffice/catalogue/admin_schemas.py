"""HTTP shapes of the catalogue's administration API (marshmallow, at the edge only)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, fields, post_load, validate

from eoffice.catalogue import domain as d
from eoffice.catalogue.format import ProcedureDefinitionSchema, TaxonomiesFileSchema
from eoffice.shared.paging import PageArgs, envelope
from eoffice.shared.problem_schemas import FieldErrorOut

# Dates a publication may carry: beyond these the database cannot store them.
SANE_DATES = validate.Range(min=datetime(2000, 1, 1, tzinfo=UTC),
                            max=datetime(9000, 1, 1, tzinfo=UTC))


class ProcedureCreateIn(ProcedureDefinitionSchema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=100),
                         metadata={"description": "Permanent code, kebab-case."})

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Any:
        code = data.pop("code")
        return {"code": code, "definition": super()._make(data, **kwargs)}


class ProcedureVersionInfoOut(Schema):
    number = fields.Integer(required=True)
    status = fields.Enum(d.VersionStatus, by_value=True, required=True)
    state = fields.String(required=True, validate=validate.OneOf(
        ["draft", "scheduled", "current", "ended", "superseded", "withdrawn"]))
    content_sha256 = fields.String(required=True, allow_none=True)
    published_from = fields.DateTime(required=True, allow_none=True)
    published_until = fields.DateTime(required=True, allow_none=True)
    published_at = fields.DateTime(required=True, allow_none=True)
    published_by = fields.String(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    created_by = fields.String(required=True)
    updated_at = fields.DateTime(required=True)
    updated_by = fields.String(required=True)


class ProcedureVersionOut(ProcedureVersionInfoOut):
    code = fields.String(required=True)
    definition = fields.Nested(ProcedureDefinitionSchema, required=True)
    warnings = fields.List(fields.Nested(FieldErrorOut), required=True)


class ProcedureDraftIn(Schema):
    definition = fields.Nested(ProcedureDefinitionSchema, load_default=None, allow_none=True,
                               metadata={"description": "Omit to copy the latest version."})


class ProcedureDefinitionIn(Schema):
    definition = fields.Nested(ProcedureDefinitionSchema, required=True)


class PublishIn(Schema):
    published_from = fields.AwareDateTime(
        load_default=None, allow_none=True, validate=SANE_DATES, metadata={
        "description": "When it becomes visible (default now); never in the past."})
    published_until = fields.AwareDateTime(
        load_default=None, allow_none=True, validate=SANE_DATES, metadata={
        "description": "When it stops being visible (default never)."})


class UnpublishIn(Schema):
    published_until = fields.AwareDateTime(
        load_default=None, allow_none=True, validate=SANE_DATES, metadata={
        "description": "When it stops being visible (default now); never in the past."})


class ProcedureSearchArgs(PageArgs):
    q = fields.String(load_default=None, validate=validate.Length(max=200))


class ProcedureOverviewOut(Schema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    unit = fields.String(required=True, allow_none=True)
    current_version = fields.Integer(required=True, allow_none=True)
    draft_version = fields.Integer(required=True, allow_none=True)
    versions = fields.Integer(required=True)


class TaxonomyKeysArgs(Schema):
    key = fields.List(fields.String(), load_default=list,
                      metadata={"description": "Only these taxonomies (repeat the key)."})


class TaxonomyImportReportOut(Schema):
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    unchanged = fields.Integer(required=True)


ProcedureOverviewPage = envelope(ProcedureOverviewOut)
ProcedureVersionInfoPage = envelope(ProcedureVersionInfoOut)


TaxonomiesFileIn = TaxonomiesFileSchema
TaxonomiesFileOut = TaxonomiesFileSchema
