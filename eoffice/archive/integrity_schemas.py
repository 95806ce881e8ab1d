"""Schemas of the archive's integrity API (fixity runs and their problems)."""

from __future__ import annotations

from marshmallow import Schema, fields


class FixityRunOut(Schema):
    id = fields.Integer(required=True)
    started_at = fields.DateTime(required=True)
    finished_at = fields.DateTime(allow_none=True)
    started_by = fields.String(required=True)
    records_checked = fields.Integer(required=True)
    files_checked = fields.Integer(required=True)
    problems = fields.Integer(required=True, metadata={"description": "problems found"})
    status = fields.String(required=True, metadata={
        "description": "running, ok, problems, or interrupted (superseded by a later run)"})


class FixityProblemOut(Schema):
    file_number = fields.String(allow_none=True)
    where = fields.String(required=True, metadata={"description": "package or blob_store"})
    path = fields.String(required=True, metadata={"description": "the payload path"})
    problem = fields.String(required=True,
                            metadata={"description": "mismatch, missing or unreadable"})
    expected_sha256 = fields.String(allow_none=True)
    found_sha256 = fields.String(allow_none=True)


class FixityRunDetailOut(FixityRunOut):
    problem_list = fields.List(fields.Nested(FixityProblemOut), data_key="problem_list",
                               required=True)


class FixityRunListOut(Schema):
    items = fields.List(fields.Nested(FixityRunOut), required=True)


class FixityRequestedOut(Schema):
    requested = fields.Boolean(required=True)
    message = fields.String(required=True)
