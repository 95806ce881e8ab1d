"""HTTP shapes of the calendar API (marshmallow, at the edge only)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

NAME = validate.Length(min=1, max=200)


class YearArgs(Schema):
    year = fields.Integer(load_default=None, validate=validate.Range(min=2000, max=2100),
                          metadata={"description": "Year (default: this year in the city)."})


class HolidayNamesSchema(Schema):
    es = fields.String(required=True, validate=NAME)
    ca = fields.String(required=True, validate=NAME)
    en = fields.String(required=True, validate=NAME)


class HolidayIn(Schema):
    day = fields.Date(required=True, metadata={"description": "The local holiday (ISO date)."})
    names = fields.Nested(HolidayNamesSchema, required=True)


class HolidayOut(Schema):
    day = fields.Date(required=True)
    scope = fields.String(required=True, metadata={
        "description": "`national`, `regional` or `local`."})
    region = fields.String(required=True)
    names = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    name = fields.String(required=True, metadata={"description": "In the request's language."})
    source = fields.String(required=True, metadata={"description": "`library` or `admin`."})
    removable = fields.Boolean(required=True)


class HolidayListOut(Schema):
    year = fields.Integer(required=True)
    region = fields.String(required=True)
    items = fields.List(fields.Nested(HolidayOut), required=True)
    total = fields.Integer(required=True)
