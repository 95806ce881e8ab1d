"""HTTP shapes of the citizen folder's API (consents)."""

from __future__ import annotations

from marshmallow import Schema, fields


class ConsentIn(Schema):
    given = fields.Boolean(required=True)


class ConsentChangeOut(Schema):
    purpose = fields.String()
    given = fields.Boolean()
    at = fields.AwareDateTime()
    text_version = fields.String()
    channel = fields.String()
    actor = fields.String()


class ConsentStateOut(Schema):
    purpose = fields.String()
    title = fields.String()
    text = fields.String()
    current_text_version = fields.String()
    given = fields.Boolean(allow_none=True)
    since = fields.AwareDateTime(allow_none=True)
    text_version = fields.String(allow_none=True)


class ConsentsOut(Schema):
    in_force = fields.List(fields.Nested(ConsentStateOut))
    history = fields.List(fields.Nested(ConsentChangeOut))
