# mypy: disallow-untyped-decorators=False
# (flask-smorest's decorators are untyped; the views stay typed in their own signatures.)
"""The API for the applicant's requirements: those on the file of her application, and
her answer (multipart: ``text`` and any number of ``documents``), checked like the
application's files. Another citizen's application does not exist for her (404)."""

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
from eoffice.shared.i18n import _
from eoffice.shared.problem_schemas import problem_responses
from eoffice.submissions.services import answering

blp = Blueprint("submissions-requirements-api", __name__, url_prefix="/api/v1",
                description="Requirements to the applicant and her answers")


class RequirementDocumentOut(Schema):
    file_name = fields.String(required=True)
    media_type = fields.String(required=True)
    size = fields.Integer(required=True)
    sha256 = fields.String(required=True)


class RequirementOut(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True)
    state = fields.String(required=True, metadata={"enum": ["pending", "answered",
                                                            "expired"]})
    term_days = fields.Integer(required=True, metadata={"description": "Business days."})
    due_on = fields.Date(required=True, metadata={"description": "The last day to answer."})
    made_at = fields.DateTime(required=True)
    answer_text = fields.String(allow_none=True)
    answered_at = fields.DateTime(allow_none=True)
    documents = fields.List(fields.Nested(RequirementDocumentOut), required=True)


class AnswerIn(Schema):
    text = fields.String(load_default="", validate=validate.Length(max=10_000))


@blp.route("/submissions/<submission_id>/requirements")
class Requirements(MethodView):
    @blp.response(200, RequirementOut(many=True))
    @problem_responses(blp, 401, 404)
    def get(self, submission_id: str) -> Any:
        """The requirements on the file of the caller's application, oldest first."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        with reader() as db:
            return answering.own_requirements(db, submission_id, principal)


@blp.route("/submissions/<submission_id>/requirements/<requirement_id>/answer")
class Answer(MethodView):
    @blp.arguments(AnswerIn, location="form")
    @blp.response(200, RequirementOut)
    @blp.doc(requestBody={"content": {"multipart/form-data": {"schema": {
        "type": "object",
        "properties": {"text": {"type": "string"},
                       "documents": {"type": "array",
                                     "items": {"type": "string", "format": "binary"}}}}}}})
    @problem_responses(blp, 401, 404, 409, 413, 422)
    def post(self, args: dict[str, Any], submission_id: str, requirement_id: str) -> Any:
        """Answer a pending requirement (once, until its last day)."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        language = str(get_locale() or "es")
        uploads = [answering.Upload(f.filename or "file", f.stream)
                   for f in request.files.getlist("documents")]
        with reader() as db:  # ownership first, then the heavy checks without write locks
            answering.own_requirement(db, submission_id, requirement_id, principal)
        delivered = answering.check_answer_files(
            uploads, title=_("Answer to the requirement"), actor=principal.login)
        with unit_of_work() as db:
            return answering.answer_own_requirement(
                db, submission_id, requirement_id, principal=principal, text=args["text"],
                delivered=delivered, language=language)
