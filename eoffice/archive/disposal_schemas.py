"""HTTP shapes of the disposition API (destruction lists, approvals, exclusions)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.archive.domain import ListStatus
from eoffice.shared.paging import PageArgs, envelope


class DisposalListArgs(PageArgs):
    status = fields.String(load_default=None, validate=validate.OneOf(
        [status.value for status in ListStatus]))


class DisposalReasonIn(Schema):
    """Why a file is taken off a list, or a list cancelled (required, at most 300
    characters are kept)."""

    reason = fields.String(required=True, validate=validate.Length(max=2000))


class ApprovalOut(Schema):
    by = fields.String(allow_none=True)
    at = fields.AwareDateTime(allow_none=True)


class DisposalItemOut(Schema):
    file_number = fields.String(required=True)
    subject = fields.String(required=True)
    series_code = fields.String(required=True)
    retention_until = fields.Date(allow_none=True)
    package_sha256 = fields.String(required=True)
    state = fields.String(required=True, metadata={"enum": ["listed", "excluded",
                                                            "destroyed"]})
    excluded_reason = fields.String(allow_none=True)


class DisposalListOut(Schema):
    """A destruction list; ``items`` only in the detail."""

    id = fields.Integer(required=True)
    number = fields.String(required=True)
    unit_code = fields.String(required=True)
    status = fields.String(required=True, metadata={
        "enum": [status.value for status in ListStatus]})
    prepared_at = fields.AwareDateTime(required=True)
    prepared_by = fields.String(required=True)
    archivist_approval = fields.Nested(ApprovalOut, required=True)
    head_approval = fields.Nested(ApprovalOut, required=True)
    executed_at = fields.AwareDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    certificate_document_id = fields.String(allow_none=True)
    certificate_verification_code = fields.String(allow_none=True)
    items = fields.List(fields.Nested(DisposalItemOut))


class ApprovalResultOut(Schema):
    given_as = fields.String(required=True, metadata={"enum": ["archivist", "head"]})
    list = fields.Nested(DisposalListOut, required=True)


DisposalListPage = envelope(DisposalListOut)
