"""The files API for staff: my units' files, one file (parties, documents, history,
annotations, movements, index), and the changes made to it — annotations, documents,
movements and closure. Every file is checked against who asks: anyone who may not see
it is told it does not exist."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import documents, identity
from eoffice.files import closure, commands, schemas
from eoffice.files.services.access import get_file_for, search_files_for
from eoffice.files.services.documents import get_file_document
from eoffice.files.services.viewing import note_document_downloaded, note_file_viewed
from eoffice.files.views import file_summary, load_file
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader
from eoffice.shared.i18n import current_language
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("files-api", __name__, url_prefix="/api/v1/files",
                description="Administrative files (staff)")


def _staff() -> Principal:
    return identity.require_permission(Permission.VIEW_FILES, somewhere=True)


@blp.route("")
class Files(MethodView):
    @blp.arguments(schemas.FileListArgs, location="query")
    @blp.response(200, schemas.FilePage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Files of the caller's units (responsible, or moving to or from them), newest
        first."""
        principal = _staff()
        with reader() as db:
            rows, total = search_files_for(db, principal, page=args["page"],
                                           page_size=args["page_size"])
            return {"items": [file_summary(row) for row in rows], "total": total}


@blp.route("/<file_number:number>")
class FileDetail(MethodView):
    @blp.response(200, schemas.AdministrativeFileOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, number: str) -> dict[str, Any]:
        """A file: number, procedure, status, responsible unit, parties, documents,
        history, annotations, movements and (once closed) its sealed index. Each reader's
        view is written to the access log, and to the audit log (at most once an hour)
        for the parties to see."""
        principal = _staff()
        detail = load_file(number, principal)
        note_file_viewed(detail["number"], principal)
        return detail


@blp.route("/<file_number:number>/annotations")
class Annotations(MethodView):
    @blp.arguments(schemas.AnnotationIn)
    @blp.response(201, schemas.AnnotationOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], number: str) -> Any:
        """Write an internal annotation (``files.process`` in the responsible unit)."""
        return commands.annotate(number, _staff(), args["text"])


@blp.route("/<file_number:number>/documents")
class Documents(MethodView):
    @blp.arguments(schemas.FileDocumentIn)
    @blp.response(201, schemas.FileDocumentOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], number: str) -> Any:
        """Add a document of the documents context (its current version) to the file; a
        newer version of a document already in the file is recorded as a new version."""
        return commands.file_document(number, _staff(), args["document_id"])


@blp.route("/<file_number:number>/documents/<int:position>/content")
class DocumentContent(MethodView):
    @blp.response(200, content_type="application/octet-stream")
    @problem_responses(blp, 401, 403, 404)
    def get(self, number: str, position: int) -> Response:
        """The bytes of the document version at ``position`` in the file (the download is
        written to the access log)."""
        principal = _staff()
        with reader() as db:
            file, _where = get_file_for(db, number, principal)
            held = get_file_document(db, file, position)
            version, chunks = documents.open_content(db, held.document_id,
                                                     version=held.version)
        note_document_downloaded(file, held.document_id, principal, channel="api")
        return documents.content_response(version, chunks,
                                          name=f"{position:03d}-{held.document_id}")


@blp.route("/<file_number:number>/movements")
class Movements(MethodView):
    @blp.arguments(schemas.MovementIn)
    @blp.response(200, schemas.MovementOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], number: str) -> Any:
        """``send`` to ``unit`` with a ``reason`` (responsible unit), ``receive`` (the
        unit it was sent to: it becomes responsible) or ``return`` with a ``reason`` (the
        unit it was sent to, before or after receiving it): the movement as it is now."""
        return commands.move(number, _staff(), action=args["action"], unit=args["unit"],
                             reason=args["reason"])


@blp.route("/<file_number:number>/closure")
class Closure(MethodView):
    @blp.response(200, schemas.AdministrativeFileOut)
    @problem_responses(blp, 401, 403, 404, 409, 503)
    def post(self, number: str) -> dict[str, Any]:
        """Close the file (``files.process`` in the responsible unit): its index, listing
        every document with its SHA-256, is sealed by the office and added; the file is
        immutable from then on."""
        principal = _staff()
        closure.close_file(number, principal, language=current_language())
        return load_file(number, principal)
