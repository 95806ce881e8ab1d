"""HTTP shapes of the bodies' API: the governing bodies, the book of resolutions (search
and one resolution) and the export of a body's book for a period."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.shared.paging import PageArgs, PeriodArgs, envelope


class BodyOut(Schema):
    """A governing body with the holder of a single-person body today."""

    key = fields.String(required=True)
    kind = fields.String(required=True, metadata={"description": "single or collegiate"})
    name = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    unit_code = fields.String(required=True)
    holder = fields.String(allow_none=True, required=True)


class BodiesOut(Schema):
    items = fields.List(fields.Nested(BodyOut), required=True)


class BookPeriodArgs(PeriodArgs):
    """Signing days of the city, both included."""


class ResolutionSearchArgs(PageArgs, BookPeriodArgs):
    """What to look for in the book of resolutions (every part optional)."""

    body = fields.String(load_default=None, validate=validate.Length(max=50))
    year = fields.Integer(load_default=None, validate=validate.Range(min=1900, max=2999))
    number = fields.Integer(load_default=None, validate=validate.Range(min=1, max=10**9))
    q = fields.String(load_default=None, validate=validate.Length(max=200),
                      metadata={"description": "words of the title"})
    file_number = fields.String(load_default=None, validate=validate.Length(max=50))


class BookExportArgs(BookPeriodArgs):
    """A body's book for a period (default: this year): CSV, or a sealed PDF/A."""

    body = fields.String(required=True, validate=validate.Length(min=1, max=50))
    format = fields.String(load_default="csv", validate=validate.OneOf(["csv", "pdf"]))


class ResolutionOut(Schema):
    """A resolution of a single-person body; numbered (``year``/``number``) once signed."""

    id = fields.String(required=True)
    body = fields.String(required=True, metadata={"description": "the competent body"})
    year = fields.Integer(allow_none=True, required=True)
    number = fields.Integer(allow_none=True, required=True)
    book_number = fields.String(allow_none=True, required=True,
                                metadata={"description": "year/number, e.g. 2026/15"})
    state = fields.String(required=True, metadata={"description": "pending, signed, rejected"})
    title = fields.String(required=True)
    document_id = fields.String(required=True)
    file_number = fields.String(allow_none=True, required=True)
    signed_by = fields.String(allow_none=True, required=True)
    signed_at = fields.DateTime(allow_none=True, required=True)
    acting_body = fields.String(required=True,
                                metadata={"description": "the body that signed it"})
    by_delegation = fields.Boolean(required=True)
    delegation = fields.String(allow_none=True, metadata={
        "description": "the decree of the delegation it was signed under"})


ResolutionPage = envelope(ResolutionOut)
