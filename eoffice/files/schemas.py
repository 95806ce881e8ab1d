"""HTTP shapes of the files API (staff only)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.shared.paging import PageArgs, envelope

MOVES = ["send", "receive", "return"]


class FilePartyOut(Schema):
    name = fields.String()
    id_type = fields.String()
    id_number = fields.String()
    role = fields.String()


class FileDocumentOut(Schema):
    position = fields.Integer(required=True)
    document_id = fields.String(required=True)
    version = fields.Integer(required=True)
    role = fields.String(required=True, metadata={
        "description": "application, attachment, receipt, processing or index"})
    title = fields.String(required=True)
    kind = fields.String(required=True)
    origin = fields.String(required=True)
    sha256 = fields.String(required=True)
    media_type = fields.String(required=True)
    added_at = fields.DateTime(required=True)
    added_by = fields.String(required=True)


class ActionOut(Schema):
    at = fields.DateTime(required=True)
    actor = fields.String(required=True)
    kind = fields.String(required=True, metadata={
        "description": "opened, document_added, annotation_added, sent, received, "
                       "returned, closed"})
    details = fields.Dict(required=True)


class AnnotationOut(Schema):
    id = fields.Integer(required=True)
    text = fields.String(required=True)
    unit_code = fields.String(required=True)
    written_at = fields.DateTime(required=True)
    written_by = fields.String(required=True)


class MovementOut(Schema):
    id = fields.Integer(required=True)
    from_unit = fields.String(required=True)
    to_unit = fields.String(required=True)
    reason = fields.String(required=True)
    state = fields.String(required=True, metadata={"description": "sent, received, returned"})
    sent_at = fields.DateTime(required=True)
    sent_by = fields.String(required=True)
    received_at = fields.DateTime(allow_none=True)
    received_by = fields.String(allow_none=True)
    returned_at = fields.DateTime(allow_none=True)
    returned_by = fields.String(allow_none=True)
    return_reason = fields.String(allow_none=True)


class IndexOut(Schema):
    document_id = fields.String(required=True)
    sha256 = fields.String(required=True)
    title = fields.String(required=True)
    verification_code = fields.String(required=True)
    issued_at = fields.DateTime(required=True)


class FileDeadlineOut(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"description": "resolution, requirement..."})
    term = fields.Dict(required=True, metadata={"description": "{value, unit}"})
    extension = fields.Integer(required=True)
    started_on = fields.String(required=True)
    due_on = fields.String(allow_none=True, required=True)
    days_left = fields.Integer(allow_none=True, required=True, metadata={
        "description": "working days for business-day terms, else calendar days; frozen "
                       "while suspended; null once met or expired"})
    state = fields.String(required=True, metadata={
        "description": "running, suspended, met, expired"})
    silence_effect = fields.String(allow_none=True, required=True, metadata={
        "description": "approval or refusal: what not resolving in time means"})


class FileSummaryOut(Schema):
    number = fields.String(required=True)
    subject = fields.String(required=True)
    procedure = fields.String(allow_none=True, required=True)
    case = fields.String(allow_none=True, required=True)
    status = fields.String(required=True, metadata={"description": "open or closed"})
    phase = fields.String(required=True, metadata={
        "description": "where the file stands for its parties: in_process, "
                       "awaiting_applicant, hearing, resolved, notified, withdrawn"})
    unit = fields.String(required=True, metadata={"description": "the responsible unit"})
    opened_at = fields.DateTime(required=True)
    closed_at = fields.DateTime(allow_none=True, required=True)


class AdministrativeFileOut(FileSummaryOut):
    opening_unit = fields.String(required=True)
    opened_by = fields.String(required=True)
    closed_by = fields.String(allow_none=True)
    registry_entry_id = fields.String(allow_none=True)
    parties = fields.List(fields.Nested(FilePartyOut), required=True)
    documents = fields.List(fields.Nested(FileDocumentOut), required=True)
    history = fields.List(fields.Nested(ActionOut), required=True)
    annotations = fields.List(fields.Nested(AnnotationOut), required=True)
    movements = fields.List(fields.Nested(MovementOut), required=True)
    deadlines = fields.List(fields.Nested(FileDeadlineOut), required=True, metadata={
        "description": "the file's terms (deadlines context), oldest first"})
    index = fields.Nested(IndexOut, allow_none=True, required=True)


FilePage = envelope(FileSummaryOut)


class FileListArgs(PageArgs):
    """A page of the files of my units, newest first."""


class AnnotationIn(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=4000))


class FileDocumentIn(Schema):
    document_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class MovementIn(Schema):
    action = fields.String(required=True, validate=validate.OneOf(MOVES))
    unit = fields.String(load_default=None, validate=validate.Length(max=50))
    reason = fields.String(load_default=None, validate=validate.Length(max=500))
