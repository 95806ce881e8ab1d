"""HTTP shapes of errors for the OpenAPI document: RFC 9457 problems with a stable code."""

from __future__ import annotations

from marshmallow import Schema, fields


class FieldErrorOut(Schema):
    """One problem (or warning) about a field: its path, a message and a stable code."""

    field = fields.String(required=True)
    message = fields.String(required=True)
    code = fields.String(required=True)


class ProblemOut(Schema):
    """An error: RFC 9457 problem details with a stable ``code``."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    code = fields.String(required=True)
    errors = fields.List(fields.Nested(FieldErrorOut))
    incident_id = fields.String()
