"""HTTP shapes of the archive search API."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.archive.services.search import MAX_PAGE, MAX_PER_PAGE, PER_PAGE


class SearchArgs(Schema):
    """``?q=`` (empty: everything) and facet filters; a filter may repeat (ORed)."""

    q = fields.String(load_default="", metadata={
        "description": 'Words (prefix with a trailing *), "phrases", -exclusions, OR, '
                       "brackets; at most 500 characters."})
    kind = fields.List(fields.String(), load_default=list,
                       metadata={"description": "file, document, entry or notification"})
    procedure = fields.List(fields.String(), load_default=list)
    unit = fields.List(fields.String(), load_default=list)
    year = fields.List(fields.String(), load_default=list)
    series = fields.List(fields.String(), load_default=list)
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Integer(load_default=PER_PAGE,
                              validate=validate.Range(min=1, max=MAX_PER_PAGE))


class SearchHitOut(Schema):
    file_number = fields.String(required=True)
    title = fields.String(required=True)
    procedure = fields.String(allow_none=True, required=True)
    closed_at = fields.DateTime(allow_none=True, required=True)
    highlights = fields.List(fields.String(), required=True, metadata={
        "description": "Fragments around the matches: HTML-escaped, matches in <mark>."})
    kind = fields.String(required=True,
                         metadata={"description": "file, document, entry or notification"})
    unit = fields.String(required=True)
    series = fields.String(required=True)
    year = fields.Integer(required=True)


class FacetValueOut(Schema):
    value = fields.String(required=True)
    count = fields.Integer(required=True)


class SearchResultOut(Schema):
    total = fields.Integer(required=True)
    items = fields.List(fields.Nested(SearchHitOut), required=True)
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetValueOut)),
                         required=True, metadata={
                             "description": "kind, procedure, unit, year, series: counts "
                                            "of what the caller may see"})
