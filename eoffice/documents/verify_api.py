"""Public verification API: a document by its verification code (rate limited)."""
# flask-smorest's decorators are untyped (as for every context's api module):
# mypy: disallow-untyped-decorators=False

from __future__ import annotations

from typing import Any

from flask import Response, url_for
from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint

from eoffice import audit
from eoffice.documents import schemas
from eoffice.documents.downloads import content_response
from eoffice.documents.errors import UnknownVerificationCode
from eoffice.documents.runtime import current_runtime
from eoffice.documents.services import read
from eoffice.documents.services.verify import verify_code
from eoffice.shared.db import reader
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("documents-verify-api", __name__, url_prefix="/api/v1",
                description="Verification of issued documents by their code (public)")
PUBLIC: dict[str, Any] = {"security": [{}]}


def verification_body(code: str) -> dict[str, Any]:
    with reader() as db:
        found = verify_code(db, code, current_runtime(), locale=str(get_locale() or "es"))
    document = found.document
    return {
        "document": {
            "title": document.title, "issued_at": document.captured_at,
            "sha256": document.sha256, "issuer": found.issuer,
            "identifier": document.identifier, "doc_type": document.doc_type,
            "language": document.language, "verification_code": document.verification_code,
            "content_url": url_for("documents-verify-api.VerifiedContent",
                                   code=document.verification_code),
        },
        "signatures": found.report.signatures,
        "test_pki": found.test_pki,
    }


@blp.route("/verify/<code>")
class Verify(MethodView):
    @blp.response(200, schemas.VerificationOut)
    @problem_responses(blp, 404, 429)
    @blp.doc(**PUBLIC)
    def get(self, code: str) -> dict[str, Any]:
        """The document with this verification code and what its signatures say now."""
        return verification_body(code)


@blp.route("/verify/<code>/content")
class VerifiedContent(MethodView):
    @blp.response(200, content_type="application/pdf")
    @problem_responses(blp, 404, 429)
    @blp.doc(**PUBLIC)
    def get(self, code: str) -> Response:
        """Download the document with this verification code (written to the access log)."""
        with reader() as db:
            view = read.find_by_verification_code(db, code)
            if view is None:
                raise UnknownVerificationCode()
            version, chunks = read.open_content(db, view.id)
        audit.log_access(audit.Access(audit.DOWNLOAD, "document", view.id,
                                      unit_code=view.unit_code),
                         actor="anonymous", channel="api")  # whoever holds the code
        return content_response(version, chunks, name=f"{view.verification_code}.pdf")
