"""HTTP shapes of the documents API (marshmallow, at the edge only)."""

from __future__ import annotations

from marshmallow import Schema, fields


class RecordedSignatureOut(Schema):
    """A signature as recorded when the office issued the document."""

    kind = fields.String(required=True, metadata={"description": "seal or personal"})
    level = fields.String(required=True, metadata={"description": "PAdES level: B-B … B-LTA"})
    signer = fields.String(required=True)
    signed_at = fields.DateTime(required=True)
    test_pki = fields.Boolean(required=True)


class DocumentVersionOut(Schema):
    number = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    media_type = fields.String(required=True)
    pdfa_conforms = fields.Boolean(required=True)
    attachments = fields.List(fields.String(), required=True)
    created_at = fields.DateTime(required=True)
    signatures = fields.List(fields.Nested(RecordedSignatureOut), required=True)


class DocumentOut(Schema):
    """A document's ENI metadata and its versions."""

    id = fields.String(required=True)
    identifier = fields.String(required=True)
    doc_type = fields.String(required=True)
    eni_type = fields.String(required=True)
    title = fields.String(required=True)
    language = fields.String(required=True)
    unit_code = fields.String(required=True)
    origin = fields.String(required=True)
    elaboration_state = fields.String(required=True)
    captured_at = fields.DateTime(required=True)
    verification_code = fields.String(required=True)
    sha256 = fields.String(required=True)
    versions = fields.List(fields.Nested(DocumentVersionOut), required=True)


class SignatureReportOut(Schema):
    """What validation says of one signature or document timestamp."""

    field = fields.String(required=True)
    kind = fields.String(required=True, metadata={"description": "signature or "
                                                  "document_timestamp"})
    signer = fields.String(allow_none=True)
    signed_at = fields.DateTime(allow_none=True)
    level = fields.String(allow_none=True)
    intact = fields.Boolean(required=True)
    cryptographically_valid = fields.Boolean(required=True)
    trusted = fields.Boolean(required=True)
    revoked = fields.Boolean(required=True)
    revocation_checked = fields.Boolean(required=True)
    covers_whole_document = fields.Boolean(required=True)
    modifications = fields.String(required=True, metadata={
        "description": "none, lta_updates, form_filling, annotations, other or unknown"})
    valid = fields.Boolean(required=True, metadata={
        "description": "intact, valid, trusted, not revoked and not modified after signing"})
    test_pki = fields.Boolean(required=True)
    problems = fields.List(fields.String(), required=True)


class ValidationReportOut(Schema):
    signatures = fields.List(fields.Nested(SignatureReportOut), required=True)
    unsigned_fields = fields.List(fields.String(), required=True)


class PdfaProblemOut(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)


class PdfaReportOut(Schema):
    """The PDF/A self-check: a few rules, not a full validator."""

    claimed = fields.String(allow_none=True)
    conforms = fields.Boolean(required=True)
    problems = fields.List(fields.Nested(PdfaProblemOut), required=True)


class VerifiedDocumentOut(Schema):
    title = fields.String(required=True)
    issued_at = fields.DateTime(required=True)
    sha256 = fields.String(required=True)
    issuer = fields.String(required=True)
    identifier = fields.String(required=True)
    doc_type = fields.String(required=True)
    language = fields.String(required=True)
    verification_code = fields.String(required=True)
    content_url = fields.String(required=True)


class VerificationOut(Schema):
    """A document found by its verification code, and what its signatures say now."""

    document = fields.Nested(VerifiedDocumentOut, required=True)
    signatures = fields.List(fields.Nested(SignatureReportOut), required=True)
    test_pki = fields.Boolean(required=True)


class PdfFileIn(Schema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary"})
