"""Back-office pages of the archive's integrity, for archivists only (anyone else: 404):
the fixity runs, newest first, with a button asking for a run now (the worker runs it),
and one run with its problems, each linked to its archived file."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from werkzeug.routing import BuildError

from eoffice.archive.models import Record
from eoffice.archive.services import fixity, renewal
from eoffice.archive.services.access import is_archivist
from eoffice.identity import Principal, require_principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _

bp = Blueprint("archive_integrity", __name__, url_prefix="/backoffice/archive/fixity",
               template_folder="templates")


def _archivist() -> Principal:
    principal = require_principal()
    if not is_archivist(principal):
        abort(404)
    return principal


def record_url(number: str | None) -> str | None:
    """The archived file's page, when the records pages are there."""
    if not number:
        return None
    try:
        return url_for("archive_records.record", number=number)
    except BuildError:
        return None


@bp.get("")
def runs() -> ResponseReturnValue:
    """The latest fixity runs, newest first."""
    _archivist()
    with reader() as db:
        items = fixity.list_runs(db)
    return render_template("archive/fixity.html", items=items)


@bp.post("")
def request_run() -> ResponseReturnValue:
    """Ask for a run now; the worker runs it."""
    principal = _archivist()
    try:
        with unit_of_work() as db:
            fixity.request_fixity(db, principal)
    except DomainError as exc:
        abort(exc.status)
    flash(_("The integrity check was requested; the worker runs it. "
            "Its result appears here when it ends."), "success")
    return redirect(url_for(".runs"), code=303)


@bp.get("/<int:run_id>")
def run(run_id: int) -> ResponseReturnValue:
    """One run and its problems."""
    _archivist()
    try:
        with reader() as db:
            found, problems = fixity.get_run(db, run_id)
    except DomainError:
        abort(404)
    return render_template("archive/fixity_run.html", run=found, problems=problems,
                           record_url=record_url)


def record_integrity(record: Record) -> dict[str, list[Any]]:
    """What ``archive/_record_fixity.html`` shows of one archived file: the problems of
    its last check (when it failed) and the renewed versions its package holds."""
    with reader() as db:
        problems = (fixity.record_problems(db, record.id)
                    if record.last_fixity_ok is False else [])
        renewals = [{"path": row.path, "version": row.version, "added_at": row.added_at}
                    for row in renewal.renewals_of(db, record.id)]
    return {"problems": problems, "renewals": renewals}


@bp.app_context_processor
def _integrity_helpers() -> dict[str, Any]:
    return {"archive_integrity": record_integrity}
