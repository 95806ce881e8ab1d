"""HTTP shapes of the catalogue API (marshmallow, at the edge only)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from eoffice.catalogue import domain as d
from eoffice.catalogue.format import (
    LegalReferenceSchema,
    ProcedureDefinitionSchema,
    texts,
)
from eoffice.shared.paging import PageArgs, envelope


class ProcedureListArgs(PageArgs):
    q = fields.String(load_default=None, validate=validate.Length(max=200),
                      metadata={"description": "Words to find in titles and summaries."})
    taxonomy = fields.List(
        fields.String(validate=validate.Length(min=1, max=151)), load_default=list,
        metadata={"description": "Term code (`culture`) or `taxonomy:code`; repeat to narrow."},
    )


class ProcedureTermOut(Schema):
    taxonomy = fields.String(required=True)
    taxonomy_name = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)


class ProcedureSummaryOut(Schema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    unit = fields.String(required=True, allow_none=True,
                         metadata={"description": "Code of the competent unit."})
    unit_name = fields.String(required=True, allow_none=True)
    taxonomies = fields.List(fields.Nested(ProcedureTermOut), required=True)


class PinnedFormOut(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)


class RequiredDocumentOut(Schema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    mandatory = fields.Boolean(required=True)
    accepted_media_types = fields.List(fields.String(), required=True)
    max_size_bytes = fields.Integer(required=True, allow_none=True)


class ProcedureCaseOut(Schema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    form = fields.Nested(PinnedFormOut, required=True, allow_none=True)
    required_documents = fields.List(fields.Nested(RequiredDocumentOut), required=True)
    has_fee = fields.Boolean(required=True)
    requires_procedure = fields.String(required=True, allow_none=True)


class ResolutionTermOut(Schema):
    value = fields.Integer(required=True)
    unit = fields.Enum(d.TermUnit, by_value=True, required=True)


class ProcedureDetailOut(ProcedureSummaryOut):
    version = fields.Integer(required=True)
    sia_code = fields.String(required=True, allow_none=True)
    description = fields.String(required=True)
    who_may_apply = fields.String(required=True)
    kind = fields.Enum(d.ProcedureKind, by_value=True, required=True)
    channels = fields.List(fields.Enum(d.Channel, by_value=True), required=True)
    resolution_term = fields.Nested(ResolutionTermOut, required=True, allow_none=True)
    silence_effect = fields.Enum(d.SilenceEffect, by_value=True, required=True, allow_none=True)
    legal_references = fields.List(fields.Nested(LegalReferenceSchema), required=True)
    published_from = fields.DateTime(required=True, allow_none=True)
    published_until = fields.DateTime(required=True, allow_none=True)
    cases = fields.List(fields.Nested(ProcedureCaseOut), required=True)


class TaxonomyOut(Schema):
    key = fields.String(required=True)
    name = fields.String(required=True)


class TaxonomyTermOut(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)


ProcedureSummaryPage = envelope(ProcedureSummaryOut)
TaxonomyPage = envelope(TaxonomyOut)
TaxonomyTermPage = envelope(TaxonomyTermOut)


# --- open data ------------------------------------------------------------------------

class OpenDataProcedureOut(ProcedureDefinitionSchema):
    code = fields.String(required=True)
    version = fields.Integer(required=True)
    published_from = fields.DateTime(required=True, allow_none=True)
    published_until = fields.DateTime(required=True, allow_none=True)
    unit_names = texts(300, required=True)


class OpenDataCatalogueOut(Schema):
    generated_at = fields.DateTime(required=True)
    procedures = fields.List(fields.Nested(OpenDataProcedureOut), required=True)


def _ld(key: str, field: type[fields.Field[Any]], **kwargs: Any) -> fields.Field[Any]:
    return field(attribute=key, data_key=key, required=True, **kwargs)


class DcatCatalogOut(Schema):
    """A DCAT-AP catalogue in JSON-LD (``@context``, ``dcat:Catalog``)."""

    context = _ld("@context", fields.Dict)
    id = _ld("@id", fields.String)
    type = _ld("@type", fields.String)
    title = _ld("dct:title", fields.List, cls_or_instance=fields.Dict())
    publisher = _ld("dct:publisher", fields.Dict)
    dataset = _ld("dcat:dataset", fields.List, cls_or_instance=fields.Dict())
