"""Schemas of the archive's records and transfer API (marshmallow, at the HTTP edge)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.shared.paging import PageArgs, envelope


class TransferIn(Schema):
    file_number = fields.String(required=True,
                                validate=validate.Regexp(r"^[A-Za-z0-9_.-]{1,50}/[0-9]{4}/[0-9]{1,9}$"),
                                metadata={"example": "URB/2026/000001"})


class TransferOut(Schema):
    record_id = fields.String()
    file_number = fields.String()
    package_sha256 = fields.String(metadata={"description": "SHA-256 of the bag's "
                                             "tagmanifest-sha256.txt"})
    receipt_document_id = fields.String(allow_none=True)


class RecordListArgs(PageArgs):
    pass


class RecordOut(Schema):
    record_id = fields.String()
    file_number = fields.String()
    subject = fields.String()
    unit = fields.String()
    procedure = fields.String(allow_none=True)
    series = fields.String()
    status = fields.String()
    closed_at = fields.DateTime()
    transferred_at = fields.DateTime()
    transferred_by = fields.String()
    package_sha256 = fields.String()
    package_bytes = fields.Integer()


RecordPage = envelope(RecordOut)


class PackageFileOut(Schema):
    path = fields.String()
    role = fields.String()
    title = fields.String()
    media_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()
    document_id = fields.String(allow_none=True)
    version = fields.Integer(allow_none=True)
    added_at = fields.DateTime()
    destroyed_at = fields.DateTime(allow_none=True)


class DocumentRefOut(Schema):
    document_id = fields.String()
    verification_code = fields.String(allow_none=True)
    title = fields.String()


class RecordDetailOut(RecordOut):
    case = fields.String(allow_none=True)
    parties = fields.List(fields.Dict())
    opened_at = fields.DateTime()
    resolution_date = fields.Date(allow_none=True)
    trigger_date = fields.Date(allow_none=True)
    retention_until = fields.Date(allow_none=True)
    action = fields.String()
    confidentiality = fields.String()
    extra = fields.Dict()
    destroyed_at = fields.DateTime(allow_none=True)
    files = fields.List(fields.Nested(PackageFileOut))
    receipt = fields.Nested(DocumentRefOut, allow_none=True)
    index = fields.Nested(DocumentRefOut, allow_none=True)
    destruction_certificate = fields.Nested(DocumentRefOut, allow_none=True)


class BagValidOut(Schema):
    valid = fields.Boolean()
    files = fields.Integer(metadata={"description": "payload files checked"})
