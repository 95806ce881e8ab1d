"""The registry API for staff: entries of a period, one entry with its moves, moving it,
and the office's book (CSV) and statistics. Every entry is checked against who asks."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.identity import Permission, Principal
from eoffice.registry import schemas
from eoffice.registry.errors import NotAllowedMove, UnknownRegister
from eoffice.registry.models import Register, RegistryEntry
from eoffice.registry.services import access, books, entries, registers
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.localtime import local_today
from eoffice.shared.paging import page_of
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


@blp.route("/entries/<entry_id>")
class EntryDetail(MethodView):
    @blp.response(200, schemas.EntryOut)
    @problem_responses(blp, 401, 403, 404)
    def get(self, entry_id: str) -> dict[str, Any]:
        """An entry with its moves (404 for entries the caller may not see)."""
        principal = _staff()
        with reader() as db:
            entry, register = access.get_entry_for(db, entry_id, principal)
            return entry_out(db, entry, register.code, with_moves=True)


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


def _office_register(db: Any, code: str, principal: Principal) -> Register:
    register = registers.get_register(db, code)
    if not principal.can(Permission.REGISTER_ENTRIES, unit=register.office_unit):
        raise UnknownRegister()
    return register


@blp.route("/book")
class Book(MethodView):
    @blp.arguments(schemas.BookArgs, location="query")
    @blp.response(200, content_type="text/csv")
    @problem_responses(blp, 401, 403, 404, 422)
    def get(self, args: dict[str, Any]) -> Response:
        """The register's book for a period as CSV (registry office staff)."""
        principal = _staff()
        start, end = _period(args)
        with reader() as db:
            _office_register(db, args["register"], principal)
            text = books.book_csv(books.list_book(db, start=start, end=end,
                                                  register=args["register"]))
        name = f"{args['register']}-{start.isoformat()}-{end.isoformat()}.csv"
        return Response(text, mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})


@blp.route("/statistics")
class Statistics(MethodView):
    @blp.arguments(schemas.PeriodArgs, location="query")
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
