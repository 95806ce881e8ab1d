"""HTTP shapes of the forms API (marshmallow, at the edge only)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.shared.paging import envelope
from eoffice.shared.problem_schemas import FieldErrorOut


class DefinitionOut(Schema):
    """A form or block definition (see forms/README.md for the format)."""

    key = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    description = fields.Dict(keys=fields.String(), values=fields.String())
    pages = fields.List(fields.Dict(), metadata={"description": "Pages of a form."})
    controls = fields.List(fields.Dict(), metadata={"description": "Controls of a block."})


class ExpandArgs(Schema):
    expand = fields.Boolean(load_default=False, metadata={
        "description": "Inline the blocks (pinned versions) and add each field's path."})


class AnswersIn(Schema):
    answers = fields.Dict(required=True, metadata={
        "description": "Blocks and groups nest as objects, repeated ones as lists."})


class ValidationOut(Schema):
    valid = fields.Boolean(required=True)
    errors = fields.List(fields.Nested(FieldErrorOut), required=True)
    answers = fields.Dict(required=True, metadata={
        "description": "The answers as stored: hidden fields dropped, values normalised."})


class DefinitionIn(Schema):
    definition = fields.Dict(required=True)


class DefinitionCheckOut(Schema):
    valid = fields.Boolean(required=True)
    errors = fields.List(fields.Nested(FieldErrorOut), required=True)


class VersionOut(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": ["draft", "published"]})
    sha256 = fields.String(required=True)
    source = fields.String(required=True, metadata={"enum": ["file", "admin"]})
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    published_at = fields.DateTime(allow_none=True)
    changed_by = fields.String(required=True)
    title = fields.Dict(keys=fields.String(), values=fields.String())


class VersionDetailOut(VersionOut):
    definition = fields.Dict(required=True)
    problems = fields.List(fields.Nested(FieldErrorOut), metadata={
        "description": "What would stop a draft from being published (empty when none)."})


class EditIn(Schema):
    """One change to a draft, as the form builder makes it."""

    op = fields.String(required=True, validate=validate.OneOf(["add", "move", "remove", "set"]))
    place = fields.String(load_default="", metadata={
        "description": "The control: a JSON pointer or a field path (move, remove, set)."})
    parent = fields.String(load_default="", metadata={
        "description": "Where to add or move to: a page, section or group."})
    position = fields.Integer(load_default=None, allow_none=True,
                              validate=validate.Range(min=0))
    control = fields.Dict(load_default=None, allow_none=True)
    properties = fields.Dict(load_default=None, allow_none=True)


class UseOut(Schema):
    kind = fields.String(required=True, metadata={"enum": ["form", "block"]})
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    status = fields.String(required=True)
    direct = fields.Boolean(required=True)


class VersionListArgs(Schema):
    key = fields.String(load_default=None)


VersionPage = envelope(VersionOut)
UsePage = envelope(UseOut)
