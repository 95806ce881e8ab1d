"""The API for the files of a submission: deliver one for a required document of the
case (multipart ``file`` + ``document_type``), or take it back while still a draft."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from eoffice import identity
from eoffice.identity import Permission
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import FieldError, ValidationFailed
from eoffice.shared.problem_schemas import problem_responses
from eoffice.submissions.errors import UnknownDocumentSlot
from eoffice.submissions.services import access, attachments

blp = Blueprint("submissions-attachments-api", __name__, url_prefix="/api/v1",
                description="Files delivered with a citizen's application")


class AttachmentIn(Schema):
    document_type = fields.String(required=True, validate=validate.Length(min=1, max=100))


class DeliveredOut(Schema):
    id = fields.String(required=True)
    document_type = fields.String(attribute="document_code", required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    media_type = fields.String(required=True)
    checks = fields.Dict(required=True)


@blp.route("/submissions/<submission_id>/attachments")
class Attachments(MethodView):
    @blp.arguments(AttachmentIn, location="form")
    @blp.response(201, DeliveredOut)
    @blp.doc(requestBody={"content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file", "document_type"],
        "properties": {"file": {"type": "string", "format": "binary"},
                       "document_type": {"type": "string"}}}}}})
    @problem_responses(blp, 401, 404, 409, 413, 422)
    def post(self, args: dict[str, Any], submission_id: str) -> Any:
        """Deliver the file of a required document (it replaces an earlier one)."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        upload = request.files.get("file")
        if upload is None:
            raise ValidationFailed(errors=[FieldError("file", "Attach a file.", "required")])
        language = str(get_locale() or "es")
        with reader() as db:  # the heavy checks hold no write lock
            row = access.get_own_submission(db, submission_id, principal)
            checked = attachments.check_file(db, row, document_code=args["document_type"],
                                             file_name=upload.filename or "file",
                                             stream=upload.stream, language=language)
        attachments.scan_file(checked, actor=principal.login, unit_code=row.unit_code)
        with unit_of_work() as db:
            row = access.get_own_submission(db, submission_id, principal, for_update=True)
            return attachments.keep_file(db, row, checked, principal=principal,
                                         language=language)


@blp.route("/submissions/<submission_id>/attachments/<document_type>")
class Attachment(MethodView):
    @blp.response(204)
    @problem_responses(blp, 401, 404, 409, 422)
    def delete(self, submission_id: str, document_type: str) -> None:
        """Take back the file of a document while the submission is a draft."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        with unit_of_work() as db:
            row = access.get_own_submission(db, submission_id, principal, for_update=True)
            if not attachments.remove_attachment(db, row, document_type):
                raise UnknownDocumentSlot()
