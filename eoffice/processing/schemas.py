"""Marshmallow schemas of the processing API (the HTTP edge only)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.shared.paging import PageArgs, envelope


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


TaskPage = envelope(TaskOut)


class TaskListArgs(PageArgs):
    pass


class CompleteIn(Schema):
    data = fields.Dict(keys=fields.String(validate=validate.Regexp(r"^[A-Za-z][A-Za-z0-9_]*$")),
                       load_default=dict)
    instance_version = fields.Integer(load_default=None, allow_none=True, metadata={
        "description": "the instance version the clerk saw: 409 when it changed since"})
