"""The registry's back-office pages: the entries of a period the clerk may see (with the
book of each of her office's registers as CSV and as a sealed PDF), one entry with its
parties, documents, origin and moves, and the moves she may make. Every entry is checked
against who asks."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.identity import Permission
from eoffice.registry.domain import MAX_BOOK_PDF_ENTRIES, EntryState, may_move
from eoffice.registry.errors import NotAllowedMove
from eoffice.registry.services import access, entries, registers
from eoffice.registry.views import ACTION_NAMES, CHANNEL_NAMES, STATE_NAMES
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import _, current_language
from eoffice.shared.localtime import local_today
from eoffice.shared.paging import MAX_PERIOD_DAYS

bp = Blueprint("registry_pages", __name__, url_prefix="/backoffice/registry")
WORDS = {"states": STATE_NAMES, "actions": ACTION_NAMES, "channels": CHANNEL_NAMES}


def _day(name: str, default: date) -> date:
    """A day from the query (the default when missing, malformed or absurd)."""
    try:
        day = date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return default
    return day if 1900 <= day.year <= 2999 else default


@bp.get("", endpoint="entries")
def list_entries() -> ResponseReturnValue:
    """Entries of a period (default: the last 7 days), newest first."""
    principal = identity.require_permission(Permission.USE_BACKOFFICE, somewhere=True)
    today = local_today()
    start, end = _day("from", today - timedelta(days=6)), _day("to", today)
    if end < start or (end - start).days > MAX_PERIOD_DAYS:
        start = end - timedelta(days=6)
    offices = access.offices_of(principal)
    with reader() as db:
        rows = access.list_entries_for(db, principal, start=start, end=end)
        books = [register for register in registers.list_registers(db)
                 if offices is None or register.office_unit in offices]
        book_names = [(r.code, r.names.get(current_language()) or r.code) for r in books]
    return render_template("registry/entries.html", rows=rows, start=start, end=end,
                           books=book_names, words=WORDS,
                           max_pdf_entries=MAX_BOOK_PDF_ENTRIES)


@bp.get("/<entry_id>", endpoint="entry")
def show_entry(entry_id: str) -> ResponseReturnValue:
    principal = identity.require_permission(Permission.USE_BACKOFFICE, somewhere=True)
    with reader() as db:
        entry, register = access.get_entry_for(db, entry_id, principal)
        moves = entries.list_moves(db, entry)
        allowed = [to for to in EntryState
                   if may_move(EntryState(entry.state), to)
                   and access.may_make_move(principal, entry, register, to)]
        units = identity.list_units(db, codes=None, locale=current_language())
    access.note_entry_read(entry, register, principal, channel="page")
    return render_template("registry/entry.html", entry=entry, register=register,
                           moves=moves, allowed=allowed, units=units, words=WORDS)


@bp.post("/<entry_id>/moves", endpoint="move")
def move(entry_id: str) -> ResponseReturnValue:
    principal = identity.require_permission(Permission.USE_BACKOFFICE, somewhere=True)
    try:
        to = EntryState(request.form.get("to", ""))
    except ValueError:
        to = EntryState.REGISTERED  # never allowed: refused below
    with unit_of_work() as db:
        entry, register = access.get_entry_for(db, entry_id, principal)
        if not access.may_make_move(principal, entry, register, to):
            raise NotAllowedMove()
        entries.move_entry(db, entry, to, actor=principal.login,
                           unit=request.form.get("unit") or None,
                           reason=(request.form.get("reason") or "")[:500] or None)
    flash(_("The entry is now: %(state)s.", state=_state_name(to)), "success")
    return redirect(url_for("registry_pages.entry", entry_id=entry_id))


def _state_name(state: EntryState) -> str:
    return str(STATE_NAMES[state])
