"""The API of the governing bodies and the book of resolutions: the bodies (staff), the
book searched (staff), one resolution, and a body's book for a period as CSV or as a
PDF/A sealed by the office (the secretary's office, ``bodies.sessions``, or the bodies'
administrators, ``bodies.manage``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.bodies import book, book_pdf, book_schemas
from eoffice.bodies.book import BookQuery, BookRow
from eoffice.bodies.directory import get_body, list_body_views
from eoffice.bodies.resolutions import ResolutionView, get_resolution
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader
from eoffice.shared.downloads import content_disposition
from eoffice.shared.errors import Forbidden
from eoffice.shared.localtime import local_today
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("bodies-book-api", __name__, url_prefix="/api/v1/bodies",
                description="Governing bodies and the book of resolutions (staff)")


def staff() -> Principal:
    return identity.require_permission(Permission.USE_BACKOFFICE, somewhere=True)


def may_export(principal: Principal) -> bool:
    """The secretary's office and the bodies' administrators export the book."""
    return (principal.can(Permission.RUN_SESSIONS, somewhere=True)
            or principal.can(Permission.MANAGE_BODIES, somewhere=True))


def export_period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period asked for; by default from 1 January of this year to today."""
    today = local_today()
    end = end or (today if start is None or start <= today else start)
    return start or date(end.year, 1, 1), end


def row_out(row: BookRow) -> dict[str, Any]:
    resolution = row.resolution
    return {"id": resolution.id, "body": row.body_key, "year": resolution.year,
            "number": resolution.number, "book_number": row.book_number,
            "state": resolution.state, "title": resolution.title,
            "document_id": resolution.document_id, "file_number": resolution.file_number,
            "signed_by": resolution.signed_by, "signed_at": resolution.signed_at,
            "acting_body": row.acting_body_key,
            "by_delegation": resolution.delegation_id is not None,
            "delegation": row.delegation_reference}


def view_out(view: ResolutionView) -> dict[str, Any]:
    return {"id": view.id, "body": view.body_key, "year": view.year, "number": view.number,
            "book_number": view.book_number, "state": view.state, "title": view.title,
            "document_id": view.document_id, "file_number": view.file_number,
            "signed_by": view.signed_by, "signed_at": view.signed_at,
            "acting_body": view.acting_body_key, "by_delegation": view.by_delegation}


@blp.route("")
class Bodies(MethodView):
    @blp.response(200, book_schemas.BodiesOut)
    @problem_responses(blp, 401, 403)
    def get(self) -> dict[str, Any]:
        """The active governing bodies, with the holder of each single-person body today."""
        staff()
        with reader() as db:
            return {"items": list_body_views(db)}


@blp.route("/resolutions")
class Resolutions(MethodView):
    @blp.arguments(book_schemas.ResolutionSearchArgs, location="query")
    @blp.response(200, book_schemas.ResolutionPage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """The book of resolutions searched: numbered resolutions, newest first."""
        staff()
        query = BookQuery(body=args["body"], year=args["year"], number=args["number"],
                          text=args["q"], file_number=args["file_number"],
                          signed_from=args["start"], signed_to=args["end"])
        with reader() as db:
            rows, total = book.search_book(db, query, page=args["page"],
                                           page_size=args["page_size"])
        return {"items": [row_out(row) for row in rows], "total": total}


@blp.route("/resolutions/<resolution_id>")
class ResolutionDetail(MethodView):
    @blp.response(200, book_schemas.ResolutionOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, resolution_id: str) -> dict[str, Any]:
        """One resolution, pending, signed (numbered) or rejected."""
        staff()
        with reader() as db:
            return view_out(get_resolution(db, resolution_id))


@blp.route("/book")
class Book(MethodView):
    @blp.arguments(book_schemas.BookExportArgs, location="query")
    @blp.response(200, content_type="text/csv")
    @blp.alt_response(200, description="with format=pdf: the book as a PDF/A sealed by the "
                      "office", content_type="application/pdf", success=True)
    @problem_responses(blp, 401, 403, 404, 422)
    def get(self, args: dict[str, Any]) -> Response:
        """A body's book of resolutions for a period of signing days (default: this
        year), in number order: CSV, or with ``format=pdf`` a PDF/A sealed by the office
        (at most 500 resolutions, else 422 ``bodies.book_too_large``)."""
        principal = identity.require_principal()
        if not may_export(principal):
            raise Forbidden()
        start, end = export_period(args["start"], args["end"])
        if args["format"] == "pdf":
            made = book_pdf.issue_book_pdf(body=args["body"], start=start, end=end,
                                           language=str(get_locale() or "es"),
                                           actor=principal.login)
            return Response(made.content, mimetype="application/pdf", headers={
                "Content-Disposition": content_disposition(made.filename),
                "X-Document-Id": made.document.id,
                "X-Verification-Code": made.document.verification_code})
        with reader() as db:
            get_body(db, args["body"])
            text = book.book_csv(book.list_book(db, body=args["body"], start=start, end=end))
        name = f"{args['body']}-{start.isoformat()}-{end.isoformat()}.csv"
        return Response(text, mimetype="text/csv",
                        headers={"Content-Disposition": content_disposition(name)})
