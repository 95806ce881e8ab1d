"""The archive's records API: transfer a closed file, list and read archived files, take
their package (a ZIP of the bag) or one payload file, and validate a zipped bag handed
in. Every record is checked against who asks: one the caller may not see does not
exist for her (404)."""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import audit, identity
from eoffice.archive import records_schemas as schemas
from eoffice.archive.errors import PackageInvalid
from eoffice.archive.records_views import (
    list_records_for,
    note_record_access,
    package_zip,
    payload_download,
    record_detail,
    record_summary,
)
from eoffice.archive.services.access import get_record_for, require_archivist, require_staff
from eoffice.archive.services.packages import validate_zip_counting
from eoffice.archive.services.transfer import transfer_file
from eoffice.shared.db import reader
from eoffice.shared.i18n import current_language
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("archive-records-api", __name__, url_prefix="/api/v1/archive",
                description="Archive: transfers, archived files and their packages")


@blp.route("/transfers")
class Transfers(MethodView):
    @blp.arguments(schemas.TransferIn)
    @blp.response(201, schemas.TransferOut)
    @problem_responses(blp, 401, 403, 404, 409, 422, 503)
    def post(self, args: dict[str, Any]) -> Any:
        """Transfer a closed file to the archive (an archivist, or ``files.process`` in
        the file's responsible unit): its package is built and validated, its receipt
        sealed. 409 ``archive.file_not_closed`` for an open file,
        ``archive.already_transferred`` the second time."""
        principal = require_staff(identity.require_principal())
        return transfer_file(args["file_number"], actor=principal.login, principal=principal,
                             language=current_language())


@blp.route("/records")
class Records(MethodView):
    @blp.arguments(schemas.RecordListArgs, location="query")
    @blp.response(200, schemas.RecordPage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Archived files the caller may see, newest transfer first."""
        principal = require_staff(identity.require_principal())
        with reader() as db:
            rows, total = list_records_for(db, principal, page=args["page"],
                                           page_size=args["page_size"])
            return {"items": [record_summary(row) for row in rows], "total": total}


@blp.route("/records/<file_number:number>")
class RecordDetail(MethodView):
    @blp.response(200, schemas.RecordDetailOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, number: str) -> dict[str, Any]:
        """An archived file: metadata, parties, retention, package files with their
        SHA-256, the transfer receipt and, after destruction, the certificate (for
        archivists and the head of the destruction list's unit only)."""
        principal = require_staff(identity.require_principal())
        with reader() as db:
            found = record_detail(db, get_record_for(db, number, principal), principal)
        note_record_access(number, principal, action=audit.READ, what="record", channel="api")
        return found


@blp.route("/records/<file_number:number>/package")
class Package(MethodView):
    @blp.response(200, content_type="application/zip")
    @problem_responses(blp, 401, 403, 404)
    def get(self, number: str) -> Response:
        """The whole archival package (the BagIt bag) as a ZIP, streamed."""
        return package_zip(number, require_staff(identity.require_principal()),
                           channel="api")


@blp.route("/records/<file_number:number>/files/<path:path>")
class PayloadFile(MethodView):
    @blp.response(200, content_type="application/octet-stream")
    @problem_responses(blp, 401, 403, 404)
    def get(self, number: str, path: str) -> Response:
        """One payload file of the package (``data/documents/0001-….pdf``)."""
        return payload_download(number, path, require_staff(identity.require_principal()),
                                inline=False, channel="api")


@blp.route("/packages/validate")
class ValidatePackage(MethodView):
    @blp.response(200, schemas.BagValidOut)
    @blp.doc(requestBody={"content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary",
                                "description": "a BagIt bag, zipped"}}}}}})
    @problem_responses(blp, 401, 403, 422)
    def post(self) -> dict[str, Any]:
        """Validate a zipped BagIt bag (archivists): 200 with the number of payload files,
        or 422 ``archive.package_invalid`` listing each problem (path, problem)."""
        require_archivist(identity.require_principal())
        upload = request.files.get("file")
        if upload is None:
            raise PackageInvalid("send the zipped bag in the multipart field 'file'",
                                 problems=[{"path": "file", "problem": "missing"}])
        problems, count = validate_zip_counting(upload.stream)
        if problems:
            raise PackageInvalid(problems=[
                {"path": p.path, "problem": p.problem, "expected": p.expected,
                 "found": p.found} for p in problems])
        return {"valid": True, "files": count}
