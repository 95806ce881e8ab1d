"""The application PDF and the advanced signature through the API: download the PDF the
applicant signs (rendered for the answers and files of now), and upload it signed with
her own certificate. Another citizen's submission is 404."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.identity import Permission
from eoffice.shared.db import reader
from eoffice.shared.downloads import content_disposition
from eoffice.shared.errors import FieldError, ValidationFailed
from eoffice.shared.i18n import current_language
from eoffice.shared.problem_schemas import problem_responses
from eoffice.submissions import schemas
from eoffice.submissions.errors import NotValidated
from eoffice.submissions.services import access, advanced_signature, application_pdf

blp = Blueprint("submissions-signing-api", __name__, url_prefix="/api/v1",
                description="The application PDF and its advanced signature")


def application_response(submission_id: str) -> Response:
    """The application PDF of the answers and files of now (or as signed and sent)."""
    principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
    application_pdf.bring_up_to_date(submission_id, principal, language=current_language())
    with reader() as db:
        row = access.get_own_submission(db, submission_id, principal)
        if row.application_sha256 is None:
            raise NotValidated()
        content = application_pdf.content(row)
    return Response(content, mimetype="application/pdf", headers={
        "Content-Disposition": content_disposition(f"application-{row.id[:8]}.pdf"),
        "X-Content-SHA256": row.application_sha256, "Cache-Control": "no-store"})


@blp.route("/submissions/<submission_id>/application")
class SubmissionApplication(MethodView):
    @blp.response(200, content_type="application/pdf",
                  description="The PDF/A of the application, what the applicant signs.")
    @problem_responses(blp, 401, 404, 409)
    def get(self, submission_id: str) -> Response:
        """The application as a PDF/A: the form read-only, the files' digests and the
        fee. Its SHA-256 is in `X-Content-SHA256`; a simple signature binds it."""
        return application_response(submission_id)


@blp.route("/submissions/<submission_id>/signed-application")
class SignedApplication(MethodView):
    @blp.response(200, schemas.SignatureOut)
    @blp.doc(requestBody={"content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary"}}}}}})
    @problem_responses(blp, 401, 404, 409, 413, 422)
    def post(self, submission_id: str) -> dict[str, Any]:
        """The application PDF signed with the applicant's certificate (multipart `file`):
        accepted when it is the prepared PDF with signatures appended, every signature
        is valid and one is the applicant's. The submission is then `signed`; `submit`
        registers it."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        upload = request.files.get("file")
        if upload is None:
            raise ValidationFailed(errors=[FieldError("file", "Attach a file.", "required")])
        signed = advanced_signature.read_upload(
            upload.stream, max_bytes=current_app.config["EOFFICE_SETTINGS"].max_pdf_bytes)
        signature = advanced_signature.accept_signed_application(
            submission_id, principal, signed, language=current_language())
        return {"kind": signature.kind, "signer": signature.signer_login,
                "signed_at": signature.signed_at, "content_sha256": signature.content_sha256}
