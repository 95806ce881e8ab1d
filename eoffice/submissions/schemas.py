"""HTTP shapes of the submissions API (../shared/API.md, "Submissions")."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.shared.problem_schemas import FieldErrorOut

CODE = validate.Length(min=1, max=100)


class SubmissionIn(Schema):
    """Start a draft for a procedure case as published now."""

    procedure = fields.String(required=True, validate=CODE)
    case = fields.String(required=True, validate=CODE)


class SubmissionAnswersIn(Schema):
    """The whole set of answers (replaces what the draft held)."""

    answers = fields.Dict(keys=fields.String(), required=True)


class SubmissionValidationOut(Schema):
    valid = fields.Boolean(required=True)
    errors = fields.List(fields.Nested(FieldErrorOut), required=True)


class FormRefOut(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)


class StepOut(Schema):
    at = fields.DateTime(required=True)
    actor = fields.String(required=True)
    action = fields.String(required=True)


class SignatureOut(Schema):
    kind = fields.String(required=True)
    signer = fields.String(required=True)
    signed_at = fields.DateTime(required=True)
    content_sha256 = fields.String(required=True)


class AttachmentOut(Schema):
    """A file delivered for a required document of the case."""

    id = fields.String(required=True)
    document_type = fields.String(attribute="document_code", required=True)
    file_name = fields.String(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    media_type = fields.String(required=True)
    checks = fields.Dict(required=True)


class ApplicationPdfOut(Schema):
    sha256 = fields.String(required=True)
    url = fields.String(required=True)


class SubmissionOut(Schema):
    """A submission: where it is, what it pins, its answers and its history."""

    id = fields.String(required=True)
    status = fields.String(required=True)
    procedure = fields.String(required=True)
    case = fields.String(required=True)
    procedure_title = fields.String(required=True)
    case_title = fields.String(required=True)
    unit = fields.String(required=True)
    form = fields.Nested(FormRefOut, required=True)
    answers = fields.Dict(required=True)
    answers_sha256 = fields.String(allow_none=True, required=True)
    sha256_to_sign = fields.String(
        allow_none=True, required=True,
        metadata={"description": "Digest of the answers, the application PDF and the "
                  "delivered files that a simple signature now binds to (null until the "
                  "answers are checked and the application PDF rendered: GET "
                  "`application.url`)."})
    attachments = fields.List(fields.Nested(AttachmentOut), required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    sent_at = fields.DateTime(allow_none=True, required=True)
    registry_number = fields.String(allow_none=True, required=True)
    registered_at = fields.DateTime(allow_none=True, required=True)
    file_number = fields.String(allow_none=True, required=True)
    application = fields.Nested(
        ApplicationPdfOut, allow_none=True, required=True,
        metadata={"description": "The application PDF kept for the answers and files (the "
                  "signed one once an advanced signature is accepted); null until rendered."})
    history = fields.List(fields.Nested(StepOut), attribute="steps", required=True)
    signatures = fields.List(fields.Nested(SignatureOut), required=True)
    validation = fields.Nested(SubmissionValidationOut)


class SubmitIn(Schema):
    """Optional: ``sha256_to_sign`` as the citizen confirmed it (refused if different)."""

    confirm_sha256 = fields.String(load_default=None,
                                   validate=validate.Regexp(r"^[0-9a-f]{64}$"))


class RegistryEntryOut(Schema):
    number = fields.String(required=True)
    # kept as text: a replayed request returns the stored first answer unchanged
    registered_at = fields.String(required=True, metadata={"format": "date-time"})


class ReceiptOut(Schema):
    document_id = fields.String(required=True)
    verification_code = fields.String(required=True)


class FileOut(Schema):
    number = fields.String(required=True)


class SubmittedOut(Schema):
    """A registered submission: its entry number and time (receipt and file: null until
    the documents and files contexts produce them)."""

    id = fields.String(required=True)
    status = fields.String(required=True)
    registry_entry = fields.Nested(RegistryEntryOut, required=True)
    receipt = fields.Nested(ReceiptOut, allow_none=True, required=True)
    file = fields.Nested(FileOut, allow_none=True, required=True)


class FeePaymentOut(Schema):
    """The self-assessment of a submission's fee (../shared/API.md)."""

    reference = fields.String(required=True)
    amount = fields.String(required=True)
    currency = fields.String(required=True)
    status = fields.String(required=True)
    due_on = fields.Date(required=True)
    letter_document_id = fields.String(allow_none=True, required=True)
    letter_url = fields.String(required=True)
    explanation = fields.List(fields.String(), required=True)
