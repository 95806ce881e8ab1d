"""HTTP shapes of errors for the OpenAPI document: RFC 9457 problems with a stable code."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

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


PROBLEM_JSON = "application/problem+json"


def problem_responses(blp: Any, *statuses: int) -> Any:
    """Declare the problem+json answers of a view for ``statuses`` (404, 409, 422...)."""

    def declare(view: Any) -> Any:
        for status in statuses:
            view = blp.alt_response(status, schema=ProblemOut, content_type=PROBLEM_JSON,
                                    description=HTTPStatus(status).phrase)(view)
        return view

    return declare
