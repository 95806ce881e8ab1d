"""API of documents: metadata and content for those who may see them, and the public
signature validation of any PDF."""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import audit, identity
from eoffice.documents import access, schemas
from eoffice.documents.downloads import content_response
from eoffice.documents.errors import DocumentTooLarge, UnreadablePdf
from eoffice.documents.runtime import MAX_PDF_BYTES, current_runtime
from eoffice.documents.services import checks, read
from eoffice.shared.db import reader
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("documents-api", __name__, url_prefix="/api/v1",
                description="Documents, their content and signature validation")
PUBLIC: dict[str, Any] = {"security": [{}]}


def uploaded_pdf(max_bytes: int) -> bytes:
    """The bytes of the multipart field ``file``, refusing more than ``max_bytes``."""
    upload = request.files.get("file")
    if upload is None:
        raise UnreadablePdf("send the PDF in the multipart field 'file'")
    data: bytes = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"the PDF has more than {max_bytes} bytes")
    return data


@blp.route("/documents/<document_id>")
class DocumentDetail(MethodView):
    @blp.response(200, schemas.DocumentOut)
    @problem_responses(blp, 401, 404)
    def get(self, document_id: str) -> read.DocumentView:
        """A document's ENI metadata, versions and recorded signatures."""
        principal = identity.require_principal()
        with reader() as db:
            view = read.get_document(db, document_id)
            access.require_readable(db, principal, view)
        return view


@blp.route("/documents/<document_id>/content")
class DocumentContent(MethodView):
    @blp.response(200, content_type="application/pdf")
    @problem_responses(blp, 401, 404)
    def get(self, document_id: str) -> Response:
        """The current version's bytes (checked against their SHA-256 as they stream); the
        download is written to the access log."""
        principal = identity.require_principal()
        with reader() as db:
            view = read.get_document(db, document_id)
            access.require_readable(db, principal, view)
            version, chunks = read.open_content(db, document_id)
        audit.log_access(audit.Access(audit.DOWNLOAD, "document", document_id,
                                      unit_code=view.unit_code),
                         actor=principal.login, channel="api")
        return content_response(version, chunks, name=f"{document_id}.pdf")


@blp.route("/signatures/validate")
class ValidateSignatures(MethodView):
    @blp.arguments(schemas.PdfFileIn, location="files")
    @blp.response(200, schemas.ValidationReportOut)
    @problem_responses(blp, 413, 422)
    @blp.doc(**PUBLIC)
    def post(self, _files: dict[str, Any]) -> Any:
        """Validate every signature of a PDF: signer, time, level, integrity, trust,
        revocation, coverage and what changed after signing. A PDF without signatures
        gives an empty list; a broken or encrypted file gives 422."""
        runtime = current_runtime()
        return checks.validate_pdf(uploaded_pdf(runtime.max_pdf_bytes))


@blp.route("/documents/pdfa-check")
class PdfaCheck(MethodView):
    @blp.arguments(schemas.PdfFileIn, location="files")
    @blp.response(200, schemas.PdfaReportOut)
    @problem_responses(blp, 401, 413, 422)
    def post(self, _files: dict[str, Any]) -> Any:
        """The PDF/A self-check of a PDF (a few rules our pipeline can break; not a full
        PDF/A validator)."""
        identity.require_principal()
        report = checks.check_pdfa(uploaded_pdf(MAX_PDF_BYTES))
        return {"claimed": report.claimed, "conforms": report.conforms,
                "problems": report.problems}
