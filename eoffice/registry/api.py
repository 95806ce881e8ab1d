"""The registry API: for staff, entries of a period, one entry with its moves, moving it,
and the office's book (CSV or sealed PDF/A) and statistics, every entry checked against
who asks; for the registry exchange (``registry.receive``), delivering entries of other
administrations."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from flask import Response, request
from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.identity import Permission, Principal
from eoffice.registry import book_pdf, deliveries, schemas, schemas_received
from eoffice.registry.errors import NotAllowedMove
from eoffice.registry.models import RegistryEntry
from eoffice.registry.services import access, books, entries, registers
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.downloads import content_disposition
from eoffice.shared.localtime import local_today
from eoffice.shared.paging import PeriodArgs, page_of
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("registry-api", __name__, url_prefix="/api/v1/registry",
                description="The entry and exit registers (staff)")


def _period(args: dict[str, Any]) -> tuple[date, date]:
    today = local_today()
    return args["start"] or today, args["end"] or args["start"] or today


def entry_out(db: Any, entry: RegistryEntry, register_code: str, *,
              with_moves: bool = False) -> dict[str, Any]:
    out = {**{c.key: getattr(entry, c.key) for c in RegistryEntry.__table__.columns},
           "register": register_code}
    if with_moves:
        out["moves"] = entries.list_moves(db, entry)
    return out


def _staff() -> Principal:
    return identity.require_permission(Permission.USE_BACKOFFICE, somewhere=True)


@blp.route("/entries")
class Entries(MethodView):
    @blp.arguments(schemas.EntryListArgs, location="query")
    @blp.response(200, schemas.EntryPage)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Entries of a period (default today) that the caller may see, newest first."""
        principal = _staff()
        start, end = _period(args)
        with reader() as db:
            rows = access.list_entries_for(db, principal, start=start, end=end)
            items = [entry_out(db, entry, code) for entry, code in rows]
        return page_of(items, page=args["page"], page_size=args["page_size"])

    @blp.arguments(schemas_received.ReceivedEntryIn)
    @blp.response(201, schemas_received.ReceivedEntryOut)
    @blp.doc(parameters=[{"in": "header", "name": "Idempotency-Key", "required": False,
                          "schema": {"type": "string", "maxLength": 200},
                          "description": "The same key returns the first result."}])
    @problem_responses(blp, 400, 401, 403, 404, 409, 413, 422)
    def post(self, args: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """Register an entry delivered by another administration (SIR) in one of the
        city's entry registers: next number, documents kept with their checked SHA-256,
        receipt sealed (``registry.receive`` in the register's office)."""
        principal = identity.require_permission(Permission.RECEIVE_ENTRIES, somewhere=True)
        return deliveries.deliver(principal, args, raw=request.get_json(silent=True),
                                  key=request.headers.get("Idempotency-Key"))


@blp.route("/entries/<entry_id>")
class EntryDetail(MethodView):
    @blp.response(200, schemas.EntryOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, entry_id: str) -> dict[str, Any]:
        """An entry with its moves (404 for entries the caller may not see); the read is
        written to the access log."""
        principal = _staff()
        with reader() as db:
            entry, register = access.get_entry_for(db, entry_id, principal)
            found = entry_out(db, entry, register.code, with_moves=True)
        access.note_entry_read(entry, register, principal, channel="api")
        return found


@blp.route("/entries/<entry_id>/moves")
class EntryMoves(MethodView):
    @blp.arguments(schemas.MoveIn)
    @blp.response(200, schemas.EntryOut)
    @problem_responses(blp, 401, 403, 404, 409, 422)
    def post(self, args: dict[str, Any], entry_id: str) -> dict[str, Any]:
        """Distribute (office), accept or return (destination unit), cancel (office)."""
        principal = _staff()
        with unit_of_work() as db:
            entry, register = access.get_entry_for(db, entry_id, principal)
            if not access.may_make_move(principal, entry, register, args["to"]):
                raise NotAllowedMove()
            entries.move_entry(db, entry, args["to"], actor=principal.login,
                               unit=args["unit"], reason=args["reason"])
            return entry_out(db, entry, register.code, with_moves=True)


@blp.route("/book")
class Book(MethodView):
    @blp.arguments(schemas.BookArgs, location="query")
    @blp.response(200, content_type="text/csv")
    @blp.alt_response(200, description="with format=pdf: the book as a PDF/A sealed by the "
                      "office", content_type="application/pdf", success=True)
    @problem_responses(blp, 401, 403, 404, 422)
    def get(self, args: dict[str, Any]) -> Response:
        """The register's book for a period (registry office staff): CSV, or with
        ``format=pdf`` a PDF/A sealed by the office (at most MAX_BOOK_PDF_ENTRIES entries,
        else 422 ``registry.book_too_large``)."""
        principal = _staff()
        start, end = _period(args)
        if args["format"] == "pdf":
            book = book_pdf.issue_book_pdf(principal, register=args["register"], start=start,
                                           end=end, language=str(get_locale() or "es"))
            access.note_book_downloaded(args["register"], start, end, principal)
            return Response(book.content, mimetype="application/pdf", headers={
                "Content-Disposition": content_disposition(book.filename),
                "X-Document-Id": book.document.id,
                "X-Verification-Code": book.document.verification_code})
        with reader() as db:
            access.get_office_register(db, args["register"], principal)
            text = books.book_csv(books.list_book(db, start=start, end=end,
                                                  register=args["register"]))
        access.note_book_downloaded(args["register"], start, end, principal)
        name = f"{args['register']}-{start.isoformat()}-{end.isoformat()}.csv"
        return Response(text, mimetype="text/csv",
                        headers={"Content-Disposition": content_disposition(name)})


@blp.route("/statistics")
class Statistics(MethodView):
    @blp.arguments(PeriodArgs, location="query")
    @blp.response(200, schemas.RegistryStatisticsOut)
    @problem_responses(blp, 401, 403, 422)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Counts of the period by register, channel, procedure and day, over the
        registers of the caller's offices."""
        principal = identity.require_permission(Permission.REGISTER_ENTRIES, somewhere=True)
        start, end = _period(args)
        offices = access.offices_of(principal)
        with reader() as db:
            office_of = {r.code: r.office_unit for r in registers.list_registers(db)}
            rows = [(entry, code) for entry, code in books.list_book(db, start=start, end=end)
                    if offices is None or office_of.get(code) in offices]
        return asdict(books.statistics(rows))
