"""Marshmallow schemas of the processing API (the HTTP edge only)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.shared.paging import PageArgs


class DeployedOut(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    created = fields.Boolean(required=True, metadata={
        "description": "false when this content was already deployed (same version)"})


class TaskOut(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    task = fields.String(required=True, metadata={"description": "BPMN element id"})
    lane = fields.String(allow_none=True)
    unit = fields.String(required=True)
    role = fields.String(required=True)
    form = fields.String(allow_none=True, metadata={"description": "'<form key>@<version>'"})
    due_at = fields.DateTime(allow_none=True)
    claimed_by = fields.String(allow_none=True)
    state = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    process = fields.Dict(required=True, metadata={
        "description": "instance id, model key/version hash, subject, and the instance "
                       "version to send back as instance_version"})


TaskPage = Schema.from_dict({
    "items": fields.List(fields.Nested(TaskOut)), "total": fields.Integer(),
    "total_capped": fields.Boolean(metadata={
        "description": "true when there are more open tasks than total (the count stops "
                       "at 10,000)"}),
}, name="TaskPage")


class TaskListArgs(PageArgs):
    pass


class CompleteIn(Schema):
    data = fields.Dict(keys=fields.String(validate=validate.Regexp(r"^[A-Za-z][A-Za-z0-9_]*$")),
                       load_default=dict)
    instance_version = fields.Integer(load_default=None, allow_none=True, metadata={
        "description": "the instance version the clerk saw: 409 when it changed since"})


class ReassignIn(Schema):
    to = fields.String(required=True, allow_none=True, validate=validate.Length(min=1, max=120),
                       metadata={"description": "login of the new holder; null: back to the "
                                                "unit, unclaimed"})
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class BulkIn(Schema):
    action = fields.String(required=True, validate=validate.OneOf(("claim", "release",
                                                                   "reassign")))
    tasks = fields.List(fields.String(validate=validate.Length(min=1, max=36)), required=True,
                        validate=validate.Length(min=1, max=200))
    to = fields.String(load_default=None, allow_none=True,
                       validate=validate.Length(min=1, max=120),
                       metadata={"description": "reassign only: the new holder (null: the "
                                                "unit)"})
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class BulkOut(Schema):
    items = fields.List(fields.Nested(TaskOut), required=True)


class MigrationIn(Schema):
    to_version = fields.Integer(load_default=None, allow_none=True,
                                validate=validate.Range(min=1),
                                metadata={"description": "default: the latest version"})
    instances = fields.List(fields.String(validate=validate.Length(min=1, max=36)),
                            load_default=None, allow_none=True,
                            validate=validate.Length(min=1, max=1000),
                            metadata={"description": "default: every running instance on "
                                                     "another version"})
    dry_run = fields.Boolean(load_default=True, metadata={
        "description": "true (the default): report only, nothing changes"})


class MigrationItemOut(Schema):
    instance = fields.String(required=True)
    subject_kind = fields.String(required=True)
    subject_id = fields.String(required=True)
    from_version = fields.Integer(required=True)
    can_move = fields.Boolean(required=True)
    reasons = fields.List(fields.String(), required=True,
                          metadata={"description": "why it cannot move, in words"})
    migrated = fields.Boolean(required=True)


class MigrationOut(Schema):
    key = fields.String(required=True)
    to_version = fields.Integer(required=True)
    dry_run = fields.Boolean(required=True)
    items = fields.List(fields.Nested(MigrationItemOut), required=True)
    left_out = fields.Integer(required=True, metadata={
        "description": "instances not handled by this call (at most 200 per call): "
                       "call again once these are moved"})
